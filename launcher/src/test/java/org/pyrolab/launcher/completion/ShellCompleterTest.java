package org.pyrolab.launcher.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Tab offers in {@code pyrolab shell} on a terminal, for the words before the cursor. */
class ShellCompleterTest {
    @TempDir
    Path dir;

    private ShellCompleter completer() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "version: \"1.0\"\nservices:\n  demo.laser:\n    driver: sim.laser\n  demo.stage:\n    driver: sim.stage\n");
        return new ShellCompleter(config);
    }

    @Test
    void commandsWhereACommandGoes() throws IOException {
        ShellCompleter completer = completer();
        assertThat(completer.words(List.of())).contains("status", "start", "logs", "lb", "echo", "exit").doesNotContain("demo.laser");
        assertThat(completer.words(List.of("ps", "|"))).contains("status", "grep");
        assertThat(completer.words(List.of("each", "[1", "2]", "{"))).contains("start");
    }

    @Test
    void configuredNamesOptionsAndSubCommandsAfterTheCommand() throws IOException {
        ShellCompleter completer = completer();
        assertThat(completer.words(List.of("start"))).contains("demo.laser", "demo.stage");
        assertThat(completer.words(List.of("logs"))).contains("demo.laser", "-f", "export");
        assertThat(completer.words(List.of("ps"))).contains("--json").doesNotContain("demo.laser");
        assertThat(completer.words(List.of("rename", "demo.laser"))).as("rename OLD NEW: NEW is not configured yet")
                .doesNotContain("demo.stage");
        assertThat(completer.words(List.of("nosuch"))).isEmpty();
    }
}
