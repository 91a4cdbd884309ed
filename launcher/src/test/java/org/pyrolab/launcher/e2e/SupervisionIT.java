package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.await;
import static org.pyrolab.launcher.e2e.Lab.awaitState;
import static org.pyrolab.launcher.e2e.Lab.ok;
import static org.pyrolab.launcher.e2e.Lab.row;
import static org.pyrolab.launcher.e2e.Lab.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Issue 3's supervision through the real CLI: a crash loop's back-off, the demo lab, {@code start} without a daemon. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SupervisionIT {
    private Pyrolab pyrolab;

    @AfterEach
    void stopEverything() throws Exception {
        if (pyrolab != null) {
            pyrolab.close();
        }
    }

    @Test
    void aCrashLoopBacksOffVisiblyAndGivesUp() throws Exception {
        pyrolab = new Pyrolab();
        int port = Lab.closedPort();
        Path config = Lab.write(pyrolab.root.resolve("lab.yaml"), String.join("\n",
                "services:",
                "  ok.echo:",
                "    driver: sample.echo",
                "  crash.smu:",
                "    driver: scpi.b2900",
                "    parameters: {host: 127.0.0.1, port: " + port + "}",
                "    restart: on-failure",
                "    max_restarts: 2",
                "    timeout: 0.5",
                "autolaunch:",
                "  services: [crash.smu, ok.echo]",
                ""));
        Result up = pyrolab.run("up", "--config", config.toString());
        assertThat(up.exit).as("%s", up).isZero();
        assertThat(up.out).contains("Autolaunch: 1 service(s) not running:").contains("crash.smu: FAILED - Connection refused");

        TreeSet<Long> restartsSeen = new TreeSet<>();
        List<String> nextRestarts = new ArrayList<>();
        // polled over the control channel (milliseconds a poll, not a CLI start) so that each 1 s
        // back-off is seen however busy the machine is
        await("crash.smu gives up", () -> {
            Map<String, Object> r = quickRow("crash.smu");
            restartsSeen.add((Long) r.get("restarts"));
            if (r.get("nextRestart") != null && !nextRestarts.contains(r.get("nextRestart"))) {
                nextRestarts.add((String) r.get("nextRestart"));
                assertThat(r).containsEntry("state", "FAILED");
                assertThat(pyrolab.ask("ps")).contains("Connection refused (next restart ");
            }
            return String.valueOf(r.get("reason")).contains("gave up");
        }, () -> ok(pyrolab, "ps").out);

        Map<String, Object> last = row(pyrolab, "crash.smu");
        assertThat(last).containsEntry("state", "FAILED").containsEntry("restarts", 2L).containsEntry("nextRestart", null)
                .containsEntry("reason", "Connection refused (gave up after 2 restarts; `pyrolab start crash.smu` tries again)");
        // restart count 0 lasts the first 1 s back-off, which mostly passes while `up` itself ends;
        // `up` above showed that state (FAILED, no restart yet), so polling must see the rest
        assertThat(restartsSeen).as("restart counts seen while polling").contains(2L);
        assertThat(restartsSeen.first()).as("polling saw the back-off before giving up").isLessThanOrEqualTo(1L);
        assertThat(nextRestarts).as("a next restart was shown").isNotEmpty();
        // it stays given up: no further attempts
        Lab.sleep(3000);
        assertThat(row(pyrolab, "crash.smu")).containsEntry("restarts", 2L).containsEntry("state", "FAILED");
        assertThat(state(pyrolab, "ok.echo")).isEqualTo("RUNNING");

        // the back-off doubles: 1 s before restart 1, 2 s before restart 2 (lower bounds only; a timer never fires early)
        List<LocalDateTime> failures = new ArrayList<>(), restarts = new ArrayList<>();
        for (String line : pyrolab.daemonLog().lines().toList()) {
            if (line.contains("crash.smu failed: Connection refused")) {
                failures.add(LocalDateTime.parse(line.substring(0, 23)));
            } else if (line.contains("restarting crash.smu (restart ")) {
                restarts.add(LocalDateTime.parse(line.substring(0, 23)));
            }
        }
        assertThat(failures).hasSize(3);
        assertThat(restarts).hasSize(2);
        assertThat(Duration.between(failures.get(0), restarts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(failures.get(1), restarts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1950));

        // by hand it tries again, and says why it fails
        Result start = pyrolab.run("start", "crash.smu");
        assertThat(start.exit).as("%s", start).isEqualTo(1);
        assertThat(start.err).contains("Connection refused");
        assertThat(row(pyrolab, "crash.smu")).containsEntry("restarts", 0L);
    }

    /** A {@code ps --json} row asked over the control channel. */
    private Map<String, Object> quickRow(String name) {
        return Json.objects(pyrolab.ask("ps", "--json")).stream().filter(r -> name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no `" + name + "` in ps --json"));
    }

    @Test
    void theDemoLabRunsAndEveryServiceAnswers() throws Exception {
        pyrolab = new Pyrolab();
        String demo = Files.readString(Pyrolab.INSTALLATION.resolve("config/demo.yaml"));
        assertThat(demo).contains("ns_port: 9090");
        Path config = Lab.write(pyrolab.root.resolve("demo.yaml"), demo.replace("ns_port: 9090", "ns_port: 0"));
        Result up = pyrolab.run("up", "--config", config.toString());
        assertThat(up.exit).as("%s", up).isZero();
        assertThat(up.out).doesNotContain("not running");
        List<Map<String, Object>> rows = Lab.ps(pyrolab);
        assertThat(rows).extracting(r -> r.get("name")).contains("demo.echo", "demo.laser", "demo.stage", "demo.smu", "demo-ns",
                "demo-endpoint");
        for (Map<String, Object> r : rows) {
            assertThat(r.get("state")).as("%s", r).isEqualTo("RUNNING");
        }
        assertThat(rows).extracting(r -> r.get("kind")).contains("service", "endpoint", "nameserver");
        assertThat(ok(pyrolab, "call", "demo.echo", "echo", "hi").out.trim()).isEqualTo("\"hi\"");
        assertThat(ok(pyrolab, "call", "demo.laser", "getWavelength").out.trim()).matches("1[56]\\d\\d(\\.\\d+)?");
        ok(pyrolab, "call", "demo.stage", "home");
        assertThat(ok(pyrolab, "call", "demo.smu", "identify").out).containsIgnoringCase("B29");
        for (String name : List.of("demo.echo", "demo.laser", "demo.stage", "demo.smu")) {
            assertThat(ok(pyrolab, "call", name, "ping").out.trim()).as(name).isEqualTo("null");
        }
    }

    @Test
    void startWithoutADaemonStartsItFirst() throws Exception {
        pyrolab = new Pyrolab();
        Lab.write(pyrolab.home.resolve("config.yaml"), "services:\n  by.hand:\n    driver: sample.echo\n");
        assertThat(pyrolab.daemons()).isEmpty();
        Result start = pyrolab.run("start", "by.hand");
        assertThat(start.exit).as("%s", start).isZero();
        assertThat(start.out).contains("PyroLab daemon started (pid ").contains("Started by.hand (driver sample.echo).");
        assertThat(pyrolab.daemons()).hasSize(1);
        awaitState(pyrolab, "by.hand", "RUNNING");
        Result unknown = pyrolab.run("start", "by.hand", "not.configured");
        assertThat(unknown.exit).as("%s", unknown).isEqualTo(1);
        assertThat(unknown.out).contains("by.hand is already running");
        assertThat(unknown.err).contains("there is no service `not.configured`");
        assertThat(pyrolab.daemons()).hasSize(1);
    }
}
