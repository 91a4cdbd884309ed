package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Command;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * The user's files are the user's alone: {@code up} refuses folders others can write, creates its
 * own owner-only, refuses names that would become paths elsewhere, and concurrent
 * {@code config update}s replace the user configuration one after the other, each whole.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LocalFilesIT {
    private Pyrolab pyrolab;

    @BeforeEach
    void home() throws Exception {
        pyrolab = new Pyrolab();
    }

    @AfterEach
    void stopEverything() throws Exception {
        pyrolab.close();
    }

    private void assertNothingStarted(Result up) {
        assertThat(up.exit).as("%s", up).isEqualTo(1);
        assertThat(up.out).isEmpty();
        assertThat(pyrolab.daemons()).isEmpty();
        assertThat(pyrolab.lock()).isEmpty();
    }

    @Test
    void upRefusesAGroupWritableDataFolderWithOneSentenceAndStartsNothing() throws Exception {
        Files.setPosixFilePermissions(pyrolab.home, PosixFilePermissions.fromString("rwxrwxr-x"));
        Result up = pyrolab.run("up");
        assertNothingStarted(up);
        assertThat(up.err).isEqualTo("pyrolab: the PyroLab data folder " + pyrolab.home + " is writable by its group; run chmod go-w "
                + pyrolab.home + "\n");

        Files.setPosixFilePermissions(pyrolab.home, PosixFilePermissions.fromString("rwxr-xr-x"));
        pyrolab.up();
    }

    @Test
    void upRefusesADeployDirectoryOthersCanWrite() throws Exception {
        Path deploy = Files.createDirectory(pyrolab.home.resolve("deploy"));
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxrwxrwx"));
        Result up = pyrolab.run("up");
        assertNothingStarted(up);
        assertThat(up.err).isEqualTo("pyrolab: the deploy directory " + deploy + " is writable by its group and by others; run chmod go-w "
                + deploy + "\n");
        Result foreground = pyrolab.run("up", "--foreground");
        assertNothingStarted(foreground);
        assertThat(foreground.err).isEqualTo(up.err);
    }

    @Test
    void foldersUpCreatesAreOwnerOnly() throws Exception {
        try (Pyrolab fresh = new Pyrolab("new/home")) {
            fresh.up();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.home))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.home.resolve("deploy")))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.home.resolve("control.token")))).isEqualTo("rw-------");
        }
    }

    @Test
    void aServiceNamedDotDotSlashIsRefusedAndNothingIsWrittenOutside() {
        Lab.write(pyrolab.root.resolve("lab.yaml"), String.join("\n",
                "services:",
                "  ../x:",
                "    driver: sample.echo",
                "autolaunch:",
                "  services: [../x]",
                ""));
        Result up = pyrolab.run("up", "--config", "lab.yaml");
        assertNothingStarted(up);
        assertThat(up.err).contains("lab.yaml:2: services.../x: `../x` cannot be used as a name: a name must not"
                + " contain `/` (names become file names in the data folder)");
        assertThat(pyrolab.home.resolve("logs/x.log.0")).doesNotExist();
    }

    /**
     * Eight {@code config update}s at once, twice over, of files of 2 MB each (the YAML parser's limit is 3 MB): every one succeeds,
     * and the user configuration is then exactly one of them, whole, with no temporary file left.
     */
    @Test
    void concurrentUpdatesReplaceTheUserConfigurationOneAfterTheOther() throws Exception {
        pyrolab.up();
        Path userConfig = pyrolab.home.resolve("config.yaml");
        for (int round = 0; round < 2; round++) {
            List<String> texts = new ArrayList<>();
            List<Command> updates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = config(round, i);
                texts.add(text);
                Lab.write(pyrolab.root.resolve("lab" + i + ".yaml"), text);
            }
            for (int i = 0; i < 8; i++) {
                updates.add(pyrolab.start(null, "config", "update", "lab" + i + ".yaml"));
            }
            for (Command update : updates) {
                Result r = pyrolab.await(update);
                assertThat(r.exit).as("%s", r).isZero();
            }
            String now = Files.readString(userConfig);
            assertThat(texts).as("the user configuration is one of the updates, whole (%d chars)", now.length()).contains(now);
            try (Stream<Path> files = Files.list(pyrolab.home)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".new"));
            }
        }
        assertThat(ok(pyrolab, "reload").out).contains("Reloaded");
    }

    private static String config(int round, int i) {
        StringBuilder text = new StringBuilder("# round " + round + ", update " + i + "\n");
        String filler = "# " + Integer.toString(i).repeat(98) + "\n";
        while (text.length() < (2 << 20)) {
            text.append(filler);
        }
        return text.append("services:\n  echo").append(i).append(":\n    driver: sample.echo\n").toString();
    }
}
