package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.CommandHelp;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * {@code pyrolab completion bash} in a real bash (plain {@code complete -F}, no bash-completion
 * package), with a configuration naming {@code lab.laser} and no daemon running at any point.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CompletionIT {
    private Pyrolab pyrolab;

    @AfterEach
    void stopEverything() throws Exception {
        if (pyrolab != null) {
            pyrolab.close();
        }
    }

    @Test
    void bashCompletesCommandsOptionsAndConfiguredServicesWithoutADaemon() throws Exception {
        pyrolab = new Pyrolab();
        Files.writeString(pyrolab.home.resolve("config.yaml"),
                "version: \"1.0\"\nservices:\n  lab.laser:\n    driver: sim.laser\n  demo.echo:\n    driver: sample.echo\n");
        Result script = pyrolab.run("completion", "bash");
        assertThat(script.exit).as(script.toString()).isZero();
        Path file = Files.writeString(pyrolab.root.resolve("pyrolab.bash"), script.out);

        String bin = Pyrolab.INSTALLATION.resolve("bin/pyrolab").toString();
        String out = bash(String.join("\n",
                "source " + file,
                "complete -p pyrolab",
                // what bash does on TAB: the words, the cursor's word, the line and the point
                "comp() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};",
                "  COMPREPLY=(); _pyrolab; echo \"${COMPREPLY[*]}\"; }",
                "comp " + bin + " ''",
                "comp " + bin + " up --",
                "comp " + bin + " start la",
                ""));
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("complete -F _pyrolab pyrolab");
        assertThat(lines.get(1).split(" ")).containsExactlyElementsOf(CommandHelp.all().keySet());
        assertThat(lines.get(2).split(" ")).containsExactlyInAnyOrder("--force", "--config", "--foreground");
        assertThat(lines.get(3)).isEqualTo("lab.laser");

        assertThat(pyrolab.lock()).as("no daemon was started").isEmpty();
        assertThat(pyrolab.run("status").exit).isEqualTo(3);
    }

    @Test
    void anUnknownShellIsAUsageError() throws Exception {
        pyrolab = new Pyrolab();
        Result r = pyrolab.run("completion", "fish");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).isEqualTo("pyrolab: `completion` needs one shell, bash, zsh or powershell: pyrolab completion bash|zsh|powershell\n");
    }

    @Test
    void zshParsesItsScript() throws Exception {
        assertThat(onPath("zsh")).as("zsh is not installed here; `.ci/run` installs it (apt-get install zsh)").isTrue();
        pyrolab = new Pyrolab();
        Result script = pyrolab.run("completion", "zsh");
        assertThat(script.exit).isZero();
        Path file = Files.writeString(pyrolab.root.resolve("_pyrolab"), script.out);
        Process zsh = new ProcessBuilder("zsh", "-n", file.toString()).redirectErrorStream(true).start();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(zsh.exitValue()).as(out).isZero();
    }

    /** Runs {@code script} in a non-interactive bash with this test's PYROLAB_HOME; its stdout. */
    private String bash(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", script).directory(pyrolab.root.toFile());
        builder.environment().put("PYROLAB_HOME", pyrolab.home.toString());
        builder.environment().put("PYROLAB_ALLOW_ROOT", "1");
        Path err = pyrolab.root.resolve("bash.err");
        builder.redirectError(err.toFile());
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("bash finished").isTrue();
        assertThat(bash.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(err)).as("bash's stderr").isEmpty();
        return out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
