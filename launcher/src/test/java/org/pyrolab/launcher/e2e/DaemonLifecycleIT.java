package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.control.LockFile;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** {@code up}, {@code status}, {@code down}, one daemon per home, {@code --force}, signals, the log. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DaemonLifecycleIT {
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
    void upStatusDownStatus() throws Exception {
        Result up = pyrolab.run("up");
        assertThat(up.exit).as("%s", up).isZero();
        LockFile lock = pyrolab.lock().orElseThrow();
        assertThat(up.out).isEqualTo("PyroLab daemon started (pid " + lock.pid + ", control port " + lock.port + ").\n");
        assertThat(up.err).isEmpty();

        Result status = pyrolab.run("status");
        assertThat(status.exit).as("%s", status).isZero();
        assertThat(status.out).startsWith("PyroLab daemon is running\n").containsPattern("pid: +" + lock.pid + "\n")
                .containsPattern("control port: +" + lock.port + " ");

        Result down = pyrolab.run("down");
        assertThat(down.exit).as("%s", down).isZero();
        assertThat(down.out).isEqualTo("Stopping PyroLab daemon (pid " + lock.pid + ")...\nPyroLab daemon stopped.\n");
        // down returns only once the process has exited and the lockfile is gone
        assertThat(Pyrolab.alive(lock.pid)).as("daemon alive after down").isFalse();
        assertThat(pyrolab.lockFile()).doesNotExist();

        Result after = pyrolab.run("status");
        assertThat(after.exit).as("%s", after).isEqualTo(3);
        assertThat(after.err).isEqualTo(Pyrolab.NOT_RUNNING + "\n");
    }

    @Test
    void secondUpSaysAlreadyRunning() {
        long pid = pyrolab.up();
        Result again = pyrolab.run("up");
        assertThat(again.exit).as("%s", again).isEqualTo(1);
        assertThat(again.err).isEqualTo("pyrolab: PyroLab daemon is already running (pid " + pid + ")\n");
        assertThat(pyrolab.daemons()).extracting(ProcessHandle::pid).containsExactly(pid);
    }

    @Test
    void eightRacingUpsStartOneDaemon() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result>> ups = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ups.add(pool.submit(() -> pyrolab.run("up")));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : ups) {
                results.add(f.get());
            }
            long pid = pyrolab.lock().orElseThrow().pid;
            assertThat(results).filteredOn(r -> r.exit == 0).as("%s", results).hasSize(1);
            assertThat(results).filteredOn(r -> r.exit != 0).as("%s", results).hasSize(7)
                    .allSatisfy(r -> assertThat(r.err).isEqualTo("pyrolab: PyroLab daemon is already running (pid " + pid + ")\n"));
            assertThat(pyrolab.daemons()).extracting(ProcessHandle::pid).containsExactly(pid);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void upAfterKill9NeedsNoForce() throws Exception {
        long old = pyrolab.up();
        Pyrolab.signal(old, "KILL");
        assertThat(Pyrolab.waitForExit(old, GONE)).isTrue();
        assertThat(pyrolab.lockFile()).as("a killed daemon leaves its record").exists();

        long fresh = pyrolab.up();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(pyrolab.run("status").exit).isZero();
    }

    @Test
    void forceEndsAStoppedDaemonAndStartsANewOne() throws Exception {
        long old = pyrolab.up();
        Pyrolab.signal(old, "STOP");

        Result plain = pyrolab.run("up");
        assertThat(plain.exit).as("%s", plain).isEqualTo(1);
        assertThat(plain.err).isEqualTo("pyrolab: PyroLab daemon (pid " + old + ") holds the lock but does not answer on its"
                + " control port; if it is hung, run `pyrolab up --force` to end it and start a new one\n");
        assertThat(Pyrolab.alive(old)).isTrue();

        Result forced = pyrolab.run("up", "--force");
        assertThat(forced.exit).as("%s", forced).isZero();
        LockFile lock = pyrolab.lock().orElseThrow();
        assertThat(lock.pid).isNotEqualTo(old);
        assertThat(forced.out).matches("Ended unresponsive PyroLab daemon \\(pid " + old + "\\) with (TERM|KILL)\\.\n"
                + "PyroLab daemon started \\(pid " + lock.pid + ", control port " + lock.port + "\\)\\.\n");
        assertThat(Pyrolab.waitForExit(old, GONE)).as("old daemon ended").isTrue();
        assertThat(pyrolab.daemons()).extracting(ProcessHandle::pid).containsExactly(lock.pid);
        assertThat(pyrolab.run("status").exit).isZero();
    }

    @Test
    void forceNeverEndsAnUnrelatedProcess() throws Exception {
        Process sleep = pyrolab.helper("sleep", "300");
        // a stale record whose pid now belongs to someone else
        Files.write(pyrolab.lockFile(), new LockFile(sleep.pid(), 1, "0.0.0", Instant.now()).toBytes());

        Result forced = pyrolab.run("up", "--force");
        assertThat(forced.exit).as("%s", forced).isZero();
        assertThat(forced.out).doesNotContain("Ended");
        assertThat(sleep.isAlive()).as("unrelated process still alive").isTrue();
        assertThat(pyrolab.lock().orElseThrow().pid).isNotEqualTo(sleep.pid());
        assertThat(pyrolab.run("status").exit).isZero();
    }

    @Test
    void forceWithNothingRunningJustStarts() {
        Result forced = pyrolab.run("up", "--force");
        assertThat(forced.exit).as("%s", forced).isZero();
        LockFile lock = pyrolab.lock().orElseThrow();
        assertThat(forced.out).isEqualTo("PyroLab daemon started (pid " + lock.pid + ", control port " + lock.port + ").\n");
        assertThat(forced.err).isEmpty();
    }

    @Test
    void sigtermStopsCleanly() throws Exception {
        long pid = pyrolab.up();
        Pyrolab.signal(pid, "TERM");
        assertThat(Pyrolab.waitForExit(pid, GONE)).as("daemon ended by TERM").isTrue();
        assertThat(pyrolab.lockFile()).doesNotExist();
        assertThat(pyrolab.daemonLog()).contains("INFO    org.pyrolab.launcher: daemon stopped");
        assertThat(pyrolab.run("status").exit).isEqualTo(3);
    }

    @Test
    void daemonLogHasOsgiEntriesWithTimeLevelBundleAndMessage() throws Exception {
        pyrolab.up("--verbose");
        assertThat(pyrolab.run("status").exit).isZero();
        String log = pyrolab.daemonLog();
        String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}";
        // OSGi log entries of bundles arrive through the daemon's log listener under each bundle's symbolic name
        assertThat(log).containsPattern("(?m)^" + time + " DEBUG +org\\.apache\\.felix\\.scr: BundleEvent STARTED$")
                .containsPattern("(?m)^" + time + " DEBUG +org\\.pyrolab\\.shell: BundleEvent STARTED$")
                .containsPattern("(?m)^" + time + " INFO +org\\.pyrolab\\.daemon: daemon ready: pid \\d+, control port \\d+$");
    }
}
