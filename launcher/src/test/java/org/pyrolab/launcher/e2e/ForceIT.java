package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.LockFile;
import org.pyrolab.launcher.e2e.Pyrolab.Command;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * {@code up --force} ends a hung daemon of this home however it was started, {@code up --foreground}
 * as a service manager runs it too, and leaves alone a process that only looks like one.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ForceIT {
    private static final Duration GONE = Duration.ofSeconds(30);
    private Pyrolab pyrolab;

    @BeforeEach
    void home() throws Exception {
        pyrolab = new Pyrolab();
    }

    @AfterEach
    void stopEverything() throws Exception {
        pyrolab.close();
    }

    @Test
    void forceEndsAHungForegroundDaemonAndStartsANewOne() throws Exception {
        // as a service manager runs it: bin/pyrolab up --foreground, home from PYROLAB_HOME in its environment
        Command foreground = pyrolab.start(null, "up", "--foreground");
        long old = foreground.process.pid();
        try {
            Lab.await("the foreground daemon answers", () -> pyrolab.lock().map(l -> l.pid == old).orElse(false)
                    && pyrolab.run("status").exit == 0, () -> Files.readString(foreground.err));
            Pyrolab.signal(old, "STOP");

            Result plain = pyrolab.run("up");
            assertThat(plain.exit).as("%s", plain).isEqualTo(1);
            assertThat(plain.err).contains("PyroLab daemon (pid " + old + ") holds the lock but does not answer");

            Result forced = pyrolab.run("up", "--force");
            assertThat(forced.exit).as("%s", forced).isZero();
            LockFile lock = pyrolab.lock().orElseThrow();
            assertThat(lock.pid).isNotEqualTo(old);
            assertThat(forced.out).matches("Ended unresponsive PyroLab daemon \\(pid " + old + "\\) with (TERM|KILL)\\.\n"
                    + "PyroLab daemon started \\(pid " + lock.pid + ", control port " + lock.port + "\\)\\.\n");
            assertThat(Pyrolab.waitForExit(old, GONE)).as("old daemon ended").isTrue();
            assertThat(pyrolab.run("status").exit).isZero();
        } finally {
            if (foreground.process.isAlive()) {
                Pyrolab.signal(old, "CONT");
                foreground.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void forceLeavesALookAlikeOfAnotherHomeAlone() throws Exception {
        // every word of a daemon of this home in its command line, with a home that only starts like this one
        String lookAlikeHome = pyrolab.home + "-old";
        Process lookAlike = pyrolab.helper("sh", "-c", "sleep 300; :", "org.pyrolab.launcher.DaemonMain",
                "-Dpyrolab.data=" + lookAlikeHome, "-Dpyrolab.install=" + Pyrolab.INSTALLATION);
        Files.write(pyrolab.lockFile(), new LockFile(lookAlike.pid(), Lab.closedPort(), "0.0.0", Instant.now()).toBytes());

        Result forced = pyrolab.run("up", "--force");
        assertThat(forced.exit).as("%s", forced).isZero();
        assertThat(forced.out).doesNotContain("Ended");
        assertThat(lookAlike.isAlive()).as("the look-alike is still alive").isTrue();
        assertThat(pyrolab.lock().orElseThrow().pid).isNotEqualTo(lookAlike.pid());
        assertThat(pyrolab.run("status").exit).isZero();
    }

    @Test
    void forceLeavesTheForegroundDaemonOfAnotherHomeAlone() throws Exception {
        try (Pyrolab other = new Pyrolab()) {
            Command foreground = other.start(null, "up", "--foreground");
            long pid = foreground.process.pid();
            try {
                Lab.await("the other home's daemon answers", () -> other.lock().map(l -> l.pid == pid).orElse(false)
                        && other.run("status").exit == 0, () -> Files.readString(foreground.err));
                Pyrolab.signal(pid, "STOP");
                // this home's stale record names the other home's hung daemon
                Files.write(pyrolab.lockFile(), other.lock().orElseThrow().toBytes());

                Result forced = pyrolab.run("up", "--force");
                assertThat(forced.exit).as("%s", forced).isZero();
                assertThat(forced.out).doesNotContain("Ended");
                assertThat(Pyrolab.alive(pid)).as("the other home's daemon").isTrue();
            } finally {
                Pyrolab.signal(pid, "CONT");
                foreground.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
