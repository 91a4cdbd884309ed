package org.pyrolab.daemon.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon-free entry point on a home of temporary folders: no daemon, no drivers installed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OfflineMainTest {
    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OfflineMain.run(data, data, null, "test", List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validatesUpdatesShowsAndResetsTheUserConfiguration() throws IOException {
        Path file = Files.writeString(data.resolve("lab.yaml"), "services:\n  a.echo:\n    driver: sample.echo\n");
        Path userConfig = data.resolve("config.yaml");
        assertThat(run("config", "show")).isEqualTo(new Run(0,
                "# no daemon is running and there is no user configuration (" + userConfig + " does not exist)\n", ""));

        Run validate = run("config", "validate", file.toString());
        assertThat(validate.exit()).isZero();
        assertThat(validate.out()).as("no drivers here: an unknown driver is a warning")
                .isEqualTo("lab.yaml:3: warning: services.a.echo.driver: no installed bundle offers the driver `sample.echo`; the service waits until one is installed\nOK: "
                        + file + " is valid.\n");

        assertThat(run("config", "update", file.toString()).out()).endsWith(
                file + " is valid and is now the user configuration; `pyrolab reload` or the next `pyrolab up` applies it.\n");
        assertThat(userConfig).hasContent(Files.readString(file));
        assertThat(run("config", "show").out()).isEqualTo("# no daemon is running: the user configuration " + userConfig + "\n"
                + Files.readString(file));

        assertThat(run("config", "reset")).isEqualTo(new Run(1, "",
                "pyrolab: `config reset` removes the user configuration file; run `pyrolab config reset --yes` to confirm\n"));
        assertThat(run("config", "--yes", "reset")).isEqualTo(new Run(0, "Removed " + userConfig + ".\n", ""));
        assertThat(userConfig).doesNotExist();
    }

    @Test
    void updateCreatesTheConfigurationFolderForTheOwnerOnly() throws IOException {
        Path file = Files.writeString(data.resolve("lab.yaml"), "services: {}\n");
        Path folder = data.resolve("new/config");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = OfflineMain.run(data, folder, null, "test", List.of("config", "update", file.toString()), new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true), false);
        assertThat(exit).isZero();
        assertThat(folder.resolve("config.yaml")).hasContent("services: {}\n");
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
    }

    @Test
    void anInvalidFileChangesNothingAndListsEveryProblem() throws IOException {
        Path bad = Files.writeString(data.resolve("bad.yaml"), "services:\n  a.echo:\n    drivr: x\nextra: 1\n");
        Run update = run("config", "update", bad.toString());
        assertThat(update.exit()).isEqualTo(1);
        assertThat(update.out()).isEmpty();
        assertThat(update.err()).startsWith("pyrolab: 3 problem(s); nothing was changed:\n").contains("bad.yaml:4: extra: unknown key");
        assertThat(data.resolve("config.yaml")).doesNotExist();
    }

    @Test
    void usageErrorsAreExitTwoInTheDaemonsWords() {
        assertThat(run("config")).isEqualTo(new Run(2, "",
                "pyrolab: usage: pyrolab config validate FILE | update FILE | show | export FILE | reset [--yes]\n"));
        assertThat(run("logs", "-n", "x")).isEqualTo(new Run(2, "", "pyrolab: wrong arguments: Cannot coerce logs(String, String) to any of "
                + "[(CommandSession, boolean, int, String[])]; run `pyrolab help` for the usage\n"));
        assertThat(run("logs", "a", "b").exit()).isEqualTo(2);
    }

    @Test
    void logsReadsTheFilesAndKnowsTheConfiguredServices() throws IOException {
        Files.createDirectories(data.resolve("logs/services"));
        Files.writeString(data.resolve("logs/pyrolabd.log.0"), "one\ntwo\nthree\n");
        assertThat(run("logs", "-n", "2")).isEqualTo(new Run(0, "two\nthree\n", ""));
        assertThat(run("logs", "a.echo")).isEqualTo(new Run(1, "", "pyrolab: there is no service `a.echo` and no log of that name\n"));
        Files.writeString(data.resolve("config.yaml"), "services:\n  a.echo:\n    driver: sample.echo\n");
        assertThat(run("logs", "a.echo")).as("configured, no log yet").isEqualTo(new Run(0, "", ""));
    }
}
