package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The command line without a daemon, odd homes, bad configuration, help, version and the shell. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CommandLineIT {
    private Pyrolab pyrolab;

    @AfterEach
    void stopEverything() throws Exception {
        if (pyrolab != null) {
            pyrolab.close();
        }
    }

    @Test
    void commandsThatNeedTheDaemonSayHowToStartIt() throws Exception {
        pyrolab = new Pyrolab();
        for (String command : new String[] {"down", "status", "ps", "shell", "stop"}) {
            Result r = pyrolab.run(command);
            assertThat(r.exit).as("%s: %s", command, r).isEqualTo(3);
            assertThat(r.err).as(command).isEqualTo(Pyrolab.NOT_RUNNING + "\n");
            assertThat(r.out).as(command).isEmpty();
        }
        assertThat(pyrolab.daemons()).isEmpty();
    }

    @Test
    void homeThatDoesNotExistIsCreated() throws Exception {
        pyrolab = new Pyrolab("not/there/yet");
        assertThat(pyrolab.home).doesNotExist();
        pyrolab.up();
        assertThat(pyrolab.home).isDirectory();
        assertThat(pyrolab.home.resolve("logs/pyrolabd.log.0")).isRegularFile();
        assertThat(pyrolab.run("status").exit).isZero();
    }

    @Test
    void homeThatCannotBeWrittenIsAClearError() throws Exception {
        // tests run as root, who may write anywhere; but nobody can make a folder below a regular file
        pyrolab = new Pyrolab("a-file/home");
        Files.writeString(pyrolab.root.resolve("a-file"), "not a folder");
        Result up = pyrolab.run("up");
        assertThat(up.exit).as("%s", up).isEqualTo(1);
        assertThat(up.err).isEqualTo("pyrolab: cannot create the PyroLab folder " + pyrolab.home + " (" + pyrolab.home
                + ": Not a directory); set PYROLAB_HOME or --home to a folder you can write\n");
        assertThat(up.out).isEmpty();
        assertThat(pyrolab.daemons()).isEmpty();
    }

    @Test
    void unparsableConfigFailsUpWithTheDaemonsReason() throws Exception {
        pyrolab = new Pyrolab();
        Path config = pyrolab.root.resolve("broken.yaml");
        Files.writeString(config, "version: 1\nservices:\n  laser1: [driver: sim.laser\n  laser2: {\n");
        Result up = pyrolab.run("up", "--config", config.toString());
        assertThat(up.exit).as("%s", up).isEqualTo(1);
        assertThat(up.out).doesNotContain("PyroLab daemon started");
        // the daemon's own words, naming the file, not the launcher's generic "exited with status"
        assertThat(up.err).startsWith("pyrolab: ").contains("broken.yaml").doesNotContain("exited with status")
                .doesNotContain("\tat ");
        assertThat(pyrolab.daemons()).isEmpty();
        assertThat(pyrolab.lockFile()).doesNotExist();
    }

    @Test
    void versionDataAndHelp() throws Exception {
        pyrolab = new Pyrolab();
        Result version = pyrolab.run("--version");
        assertThat(version.exit).isZero();
        assertThat(version.out).matches("pyrolab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");

        Result data = pyrolab.run("--data");
        assertThat(data.exit).isZero();
        assertThat(data.out).isEqualTo(pyrolab.home + "\n");

        Result help = pyrolab.run("help");
        assertThat(help.exit).isZero();
        assertThat(help.out).startsWith("usage: pyrolab [--home DIR] [--verbose] COMMAND [ARGS]\n")
                .contains("\n  up ", "\n  down ", "\n  status ", "\n  shell ");

        Result helpUp = pyrolab.run("help", "up");
        assertThat(helpUp.exit).isZero();
        assertThat(helpUp.out).startsWith("usage: pyrolab up [--force] [--config FILE] [--foreground]\n");

        Result nosuch = pyrolab.run("help", "nosuch");
        assertThat(nosuch.exit).isEqualTo(2);
        assertThat(nosuch.err).isEqualTo("pyrolab: there is no command `nosuch`; run `pyrolab help` for the list\n");
        assertThat(pyrolab.daemons()).as("none of these starts a daemon").isEmpty();
    }

    @Test
    void shellRunsGogoAndPyrolabCommandsAndLeavesTheDaemonRunning() throws Exception {
        pyrolab = new Pyrolab();
        long pid = pyrolab.up();
        Result shell = pyrolab.runWithInput("lb\nstatus\nexit\n", "shell");
        assertThat(shell.exit).as("%s", shell).isZero();
        assertThat(shell.out).contains("Apache Felix Gogo Runtime", "Apache Felix Declarative Services", "PyroLab shell")
                .contains("PyroLab daemon is running\n").containsPattern("pid: +" + pid + "\n");
        assertThat(shell.err).isEmpty();
        assertThat(Pyrolab.alive(pid)).isTrue();
        assertThat(pyrolab.run("status").exit).isZero();
    }
}
