package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.await;
import static org.pyrolab.launcher.e2e.Lab.awaitState;
import static org.pyrolab.launcher.e2e.Lab.ok;
import static org.pyrolab.launcher.e2e.Lab.row;
import static org.pyrolab.launcher.e2e.Lab.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3 through the real CLI, one daemon for the class: {@code ps}, {@code info},
 * {@code start/stop/restart}, {@code call}, {@code drivers}, {@code logs} and unknown names.
 * Each test that changes a service uses services of its own. The {@code logs} tests run first,
 * on a young daemon: per-service logs lose entries after the daemon's first garbage collection
 * (see the disabled test below), and a young daemon has rarely collected yet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ServicesIT {
    static final String CONFIG = String.join("\n",
            "version: \"1.0\"",
            "services:",
            "  a.echo:",
            "    driver: sample.echo",
            "    description: first echo",
            "  b.echo:",
            "    driver: sample.echo",
            "  c.laser:",
            "    driver: sim.laser",
            "    parameters: {min_wavelength: 1500.0, max_wavelength: 1630.0}",
            "  d.echo:",
            "    driver: sample.echo",
            "  e.echo:",
            "    driver: sample.echo",
            "  f.echo:",
            "    driver: sample.echo",
            "  later.one:",
            "    driver: not.installed.yet",
            "autolaunch:",
            "  services: [a.echo, b.echo, c.laser, e.echo, f.echo, later.one]",
            "");

    private Pyrolab pyrolab;
    private Result up;
    private Path config;

    @BeforeAll
    void up() throws Exception {
        pyrolab = new Pyrolab();
        config = Lab.write(pyrolab.root.resolve("lab.yaml"), CONFIG);
        up = pyrolab.run("up", "--config", config.toString());
    }

    @AfterAll
    void down() throws Exception {
        pyrolab.close();
    }

    @Test
    @Order(1)
    void upReportsTheServiceWhoseDriverIsMissingAndExitsZero() {
        assertThat(up.exit).as("%s", up).isZero();
        assertThat(up.out).contains("PyroLab daemon started (pid ")
                .contains("Autolaunch: 1 service(s) not running:")
                .contains("later.one: WAITING - driver not.installed.yet is not installed");
        assertThat(up.out).doesNotContain("a.echo:").doesNotContain("c.laser:");
        assertThat(state(pyrolab, "later.one")).isEqualTo("WAITING");
    }

    @Test
    void psPrintsEveryServiceWithItsState() {
        Result ps = ok(pyrolab, "ps");
        List<String> lines = ps.out.lines().collect(Collectors.toList());
        assertThat(lines.get(0)).containsSubsequence("NAME", "KIND", "STATE", "DRIVER", "BUNDLE", "VERSION", "UPTIME", "RESTARTS", "LOCK",
                "ADDRESS", "REASON");
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("a.echo", "service", "RUNNING", "sample.echo",
                "org.pyrolab.driver.sample", "0.1.0"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("c.laser", "service", "RUNNING", "sim.laser",
                "org.pyrolab.driver.sim"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("d.echo", "service", "STOPPED", "sample.echo"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("later.one", "service", "WAITING", "not.installed.yet",
                "driver not.installed.yet is not installed"));
        assertThat(ps.err).isEmpty();
    }

    @Test
    void psJsonHasTheDocumentedFields() {
        List<Map<String, Object>> rows = Lab.ps(pyrolab);
        assertThat(rows).extracting(r -> r.get("name")).contains("a.echo", "b.echo", "c.laser", "d.echo", "later.one");
        for (Map<String, Object> r : rows) {
            assertThat(r).as("%s", r).containsKeys("name", "kind", "state", "driver", "bundle", "version", "restarts", "reason");
        }
        Map<String, Object> echo = row(pyrolab, "a.echo");
        assertThat(echo).containsEntry("kind", "service").containsEntry("state", "RUNNING").containsEntry("driver", "sample.echo")
                .containsEntry("bundle", "org.pyrolab.driver.sample").containsEntry("restarts", 0L).containsEntry("reason", null);
        assertThat((String) echo.get("version")).startsWith("0.1.0");
        Map<String, Object> waiting = row(pyrolab, "later.one");
        assertThat(waiting).containsEntry("state", "WAITING").containsEntry("driver", "not.installed.yet").containsEntry("bundle", null);
        assertThat((String) waiting.get("reason")).contains("not.installed.yet").contains("not installed");
    }

    @Test
    void infoPrintsTheConfigurationOrOneEntry() {
        Result all = ok(pyrolab, "info");
        assertThat(all.out).contains("a.echo:").contains("later.one:").contains("autolaunch:");
        Result one = ok(pyrolab, "info", "c.laser");
        assertThat(one.out).contains("name: c.laser").contains("section: services").contains("driver: sim.laser")
                .contains("min_wavelength: 1500.0").doesNotContain("a.echo");
        Map<String, Object> json = Json.object(ok(pyrolab, "info", "c.laser", "--json").out);
        assertThat(json).containsEntry("name", "c.laser").containsEntry("section", "services");
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) json.get("entry");
        assertThat(entry).containsEntry("driver", "sim.laser");
        assertThat(Json.object(ok(pyrolab, "info", "--json").out)).containsKeys("services", "autolaunch");
    }

    @Test
    void startingARunningServiceSaysSoAndStaysOneInstance() throws Exception {
        String started = (String) row(pyrolab, "a.echo").get("started");
        long instances = Lab.count(pyrolab.daemonLog(), "echo service a.echo ready");
        Result again = ok(pyrolab, "start", "a.echo");
        assertThat(again.out).startsWith("a.echo is already running (since " + started + ")");
        Result twice = ok(pyrolab, "start", "a.echo", "a.echo");
        assertThat(Lab.count(twice.out, "a.echo is already running")).isEqualTo(2);
        assertThat(row(pyrolab, "a.echo")).containsEntry("started", started).containsEntry("state", "RUNNING");
        assertThat(Lab.ps(pyrolab).stream().filter(r -> "a.echo".equals(r.get("name")))).hasSize(1);
        // no second driver instance was made: the sample driver logs each one it connects
        assertThat(Lab.count(pyrolab.daemonLog(), "echo service a.echo ready")).isEqualTo(instances);
    }

    @Test
    void startStopRestartTakeSeveralNames() {
        Result start = ok(pyrolab, "start", "d.echo", "e.echo");
        assertThat(start.out).contains("Started d.echo (driver sample.echo).").contains("e.echo is already running");
        assertThat(state(pyrolab, "d.echo")).isEqualTo("RUNNING");

        Result stop = ok(pyrolab, "stop", "d.echo", "e.echo");
        assertThat(stop.out).contains("Stopped d.echo.").contains("Stopped e.echo.");
        assertThat(state(pyrolab, "d.echo")).isEqualTo("STOPPED");
        assertThat(state(pyrolab, "e.echo")).isEqualTo("STOPPED");
        assertThat(ok(pyrolab, "stop", "d.echo").out).contains("d.echo is not running.");

        Result restart = ok(pyrolab, "restart", "d.echo", "e.echo");
        assertThat(restart.out).contains("Started d.echo (driver sample.echo).").contains("Started e.echo (driver sample.echo).");
        String before = (String) row(pyrolab, "e.echo").get("started");
        ok(pyrolab, "restart", "e.echo");
        assertThat(row(pyrolab, "e.echo")).containsEntry("state", "RUNNING").containsEntry("restarts", 0L);
        assertThat((String) row(pyrolab, "e.echo").get("started")).isNotEqualTo(before);
        ok(pyrolab, "stop", "d.echo");
    }

    @Test
    void unknownNamesFailWithExitOneNamingThem() {
        Result start = pyrolab.run("start", "f.echo", "no.such");
        assertThat(start.exit).as("%s", start).isEqualTo(1);
        assertThat(start.out).contains("f.echo is already running");
        assertThat(start.err).contains("there is no service `no.such`").contains("configured: a.echo");
        assertThat(start.err).doesNotContain("Exception").doesNotContain("\tat ");

        Result stop = pyrolab.run("stop", "ghost.one", "ghost.two");
        assertThat(stop.exit).as("%s", stop).isEqualTo(1);
        assertThat(stop.err).contains("there is no service `ghost.one`").contains("there is no service `ghost.two`");

        for (String[] command : new String[][] {{"restart", "no.such"}, {"info", "no.such"}, {"call", "no.such", "ping"},
                {"logs", "no.such"}, {"rename", "no.such", "other.name"}}) {
            Result r = pyrolab.run(command);
            assertThat(r.exit).as("%s: %s", String.join(" ", command), r).isEqualTo(1);
            assertThat(r.err).as(String.join(" ", command)).startsWith("pyrolab: ").contains("no.such").doesNotContain("\tat ");
        }
        assertThat(state(pyrolab, "f.echo")).isEqualTo("RUNNING");
    }

    @Test
    void startStopRestartWithoutNamesAreUsageErrors() {
        for (String command : new String[] {"start", "stop", "restart"}) {
            Result r = pyrolab.run(command);
            assertThat(r.exit).as("%s: %s", command, r).isEqualTo(2);
            assertThat(r.err).contains("usage: pyrolab " + command + " NAME...");
        }
    }

    @Test
    void callReachesARunningService() {
        assertThat(ok(pyrolab, "call", "a.echo", "echo", "hello").out.trim()).isEqualTo("\"hello\"");
        assertThat(ok(pyrolab, "call", "a.echo", "add", "2", "3").out.trim()).isEqualTo("5");
        assertThat(ok(pyrolab, "call", "c.laser", "ping").out.trim()).isEqualTo("null");
        Result stopped = pyrolab.run("call", "d.echo", "echo", "x");
        assertThat(stopped.exit).as("%s", stopped).isEqualTo(1);
        assertThat(stopped.err).contains("d.echo is not running");
    }

    @Test
    void driversListsWhatTheInstalledBundlesOffer() {
        Result table = ok(pyrolab, "drivers");
        assertThat(table.out.lines().findFirst().orElse("")).containsSubsequence("DRIVER", "BUNDLE", "VERSION");
        assertThat(table.out).contains("sample.echo").contains("sim.laser").contains("sim.stage").contains("scpi.b2900")
                .contains("org.pyrolab.driver.sample").contains("deploy directory: " + pyrolab.home.resolve("deploy"));
        List<Map<String, Object>> json = Json.objects(ok(pyrolab, "drivers", "--json").out);
        assertThat(json).extracting(d -> d.get("driver")).contains("sample.echo", "sim.laser", "sim.stage", "scpi.b2900");
        for (Map<String, Object> d : json) {
            assertThat(d).containsKeys("driver", "bundle", "version");
            assertThat(d.get("bundle")).as("%s", d).isNotNull();
        }
        Map<String, Object> echo = json.stream().filter(d -> "sample.echo".equals(d.get("driver"))).findFirst().orElseThrow();
        assertThat(echo).containsEntry("bundle", "org.pyrolab.driver.sample");
        assertThat((String) echo.get("version")).startsWith("0.1.0");
    }

    @Test
    @Order(2)
    void logsShowTheDaemonLogLastLines() {
        Result daemon = ok(pyrolab, "logs", "-n", "1000");
        assertThat(daemon.out).contains("daemon ready").contains("pyrolab.service.a.echo");
        for (int i = 0; i < 3; i++) {
            ok(pyrolab, "restart", "c.laser");
        }
        List<String> lines = ok(pyrolab, "logs", "-n", "5").out.lines().collect(Collectors.toList());
        assertThat(lines).hasSize(5);
        assertThat(String.join("\n", lines)).contains("started c.laser");
        Result bad = pyrolab.run("logs", "a.echo", "b.echo");
        assertThat(bad.exit).as("%s", bad).isEqualTo(2);
        assertThat(bad.err).contains("usage: pyrolab logs");
    }

    @Test
    @Order(2)
    void logsOfOneServiceShowItsLastLines() {
        for (int i = 0; i < 3; i++) {
            ok(pyrolab, "restart", "c.laser");
        }
        Result service = ok(pyrolab, "logs", "c.laser", "-n", "5");
        List<String> lines = service.out.lines().collect(Collectors.toList());
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).contains("pyrolab.service.c.laser"));
        assertThat(lines.get(4)).contains("started c.laser");
    }

    @Test
    @Order(3)
    void logsExportWritesOneMergedFile() throws Exception {
        Path file = pyrolab.root.resolve("exported.log");
        Result export = pyrolab.run("logs", "export", "exported.log"); // relative to the caller's folder
        assertThat(export.exit).as("%s", export).isZero();
        assertThat(export.out).matches("(?s)Wrote \\d+ log entries to " + java.util.regex.Pattern.quote(file.toString()) + "\\.\\s*");
        String text = Files.readString(file);
        assertThat(text).contains("daemon ready").contains("[pyrolabd.log.0]");
        if (Files.size(pyrolab.home.resolve("logs/services/a.echo.log.0")) > 0) {
            assertThat(text).contains("[services/a.echo.log.0]");
        }
    }

    @Test
    @Order(4)
    void logsFollowStreamsNewLinesOfTheDaemonLog() throws Exception {
        follow(null, "b.echo");
    }

    @Test
    @Order(4)
    void logsFollowStreamsNewLinesOfOneService() throws Exception {
        follow("b.echo", "b.echo");
    }

    /** Runs {@code logs [NAME] -f} in the background, restarts {@code service}, and waits for its line in the follower's output. */
    private void follow(String name, String service) throws Exception {
        Pyrolab.Command follow = name == null ? pyrolab.start(null, "logs", "-f", "-n", "0") : pyrolab.start(null, "logs", name, "-f", "-n", "0");
        try {
            Lab.sleep(1500); // let the follower start and reach the end of the file
            ok(pyrolab, "restart", service);
            await("logs -f prints the restart", () -> Files.readString(follow.out).contains("started " + service),
                    () -> Files.readString(follow.out) + Files.readString(follow.err));
            assertThat(follow.process.isAlive()).isTrue();
        } finally {
            follow.process.descendants().forEach(ProcessHandle::destroy);
            follow.process.destroy();
            follow.process.waitFor();
        }
        // the daemon carries on after its follower went away
        assertThat(ok(pyrolab, "status").out).contains("PyroLab daemon is running");
    }

    @Test
    void serviceLogKeepsItsEntriesAfterAGarbageCollection() throws Exception {
        ok(pyrolab, "restart", "f.echo");
        Process gc = new ProcessBuilder("jcmd", Long.toString(pyrolab.lock().orElseThrow().pid), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gc.waitFor()).isZero();
        String started = (String) row(pyrolab, "f.echo").get("started");
        ok(pyrolab, "restart", "f.echo");
        assertThat((String) row(pyrolab, "f.echo").get("started")).isNotEqualTo(started);
        long inDaemonLog = Lab.count(pyrolab.daemonLog(), "started f.echo");
        assertThat(Lab.count(ok(pyrolab, "logs", "f.echo", "-n", "1000").out, "started f.echo")).isEqualTo(inDaemonLog);
    }

    @Test
    @Order(5)
    void logsCleanEmptiesTheLogs() throws Exception {
        Result clean = ok(pyrolab, "logs", "clean");
        assertThat(clean.out).matches("(?s)Cleared \\d+ log files\\.\\s*");
        assertThat(ok(pyrolab, "logs", "a.echo").out).isEmpty();
        assertThat(Files.size(pyrolab.home.resolve("logs/services/a.echo.log.0"))).isZero();
        // the daemon log carries on being written after a clean
        ok(pyrolab, "restart", "a.echo");
        assertThat(ok(pyrolab, "logs").out).contains("started a.echo");
        assertThat(state(pyrolab, "a.echo")).isEqualTo("RUNNING");
    }

    @Test
    @Order(5)
    void serviceLogsCarryOnAfterClean() throws Exception {
        ok(pyrolab, "logs", "clean");
        ok(pyrolab, "restart", "a.echo");
        assertThat(ok(pyrolab, "logs", "a.echo").out).contains("started a.echo");
    }
}
