package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.awaitState;
import static org.pyrolab.launcher.e2e.Lab.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * Issue 13, "commands without a daemon": {@code config validate/update/show/reset}, {@code logs}
 * and {@code drivers} give the same stdout, stderr and exit code with no daemon as with one.
 * One home: each command runs first with no daemon, then with one, then (logs) after it stopped.
 * The tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DaemonFreeIT {
    private static final String CONFIG = String.join("\n",
            "services:",
            "  a.echo:",
            "    driver: sample.echo",
            "  b.laser:",
            "    driver: sim.laser",
            "    parameters: {min_wavelength: 1500.0, max_wavelength: 1630.0}",
            "autolaunch:",
            "  services: [a.echo]",
            "");

    /** Every daemon-free command and its bad inputs, run the same way with and without a daemon. */
    private static final List<List<String>> SAME_EITHER_WAY = List.of(
            List.of("drivers"),
            List.of("drivers", "--json"),
            List.of("drivers", "extra"),
            List.of("config", "validate", "good.yaml"),
            List.of("config", "validate", "bad.yaml"),
            List.of("config", "validate", "missing.yaml"),
            List.of("config", "validate", "latin1.yaml"),
            List.of("config", "update", "bad.yaml"),
            List.of("config", "update", "missing.yaml"),
            List.of("config"),
            List.of("config", "frobnicate"),
            List.of("config", "validate"),
            List.of("config", "reset"),
            List.of("logs", "no.such"),
            List.of("logs", "-n", "many"),
            List.of("logs", "a", "b"),
            List.of("logs", "-n", "0"));

    private Pyrolab pyrolab;
    private Path userConfig;
    private final Map<List<String>, Result> withoutDaemon = new LinkedHashMap<>();
    private String serviceLogWithDaemon;

    @BeforeAll
    void home() throws Exception {
        pyrolab = new Pyrolab();
        userConfig = Lab.write(pyrolab.home.resolve("config.yaml"), CONFIG);
        // the deploy directory as the first `up` leaves it, plus a broken jar and a stray file, both long quiet
        Path deploy = Files.createDirectories(pyrolab.home.resolve("deploy"));
        try (var jars = Files.list(Pyrolab.INSTALLATION.resolve("drivers"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, deploy.resolve(jar.getFileName()));
            }
        }
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(Lab.write(deploy.resolve("broken.jar"), "not a zip"), anHourAgo);
        Files.setLastModifiedTime(Lab.write(deploy.resolve("notes.txt"), "a note"), anHourAgo);
        Lab.write(pyrolab.root.resolve("good.yaml"), ConfigIT.ISSUE_EXAMPLE);
        Lab.write(pyrolab.root.resolve("bad.yaml"), ConfigIT.BAD);
        Files.write(pyrolab.root.resolve("latin1.yaml"), new byte[] {'s', 'e', 'r', 'v', 'i', 'c', 'e', 's', ':', ' ', (byte) 0xe9, '\n'});
    }

    @AfterAll
    void close() throws Exception {
        pyrolab.close();
    }

    @Test
    @Order(1)
    void withNoDaemonTheCommandsAnswerThemselves() {
        for (List<String> command : SAME_EITHER_WAY) {
            withoutDaemon.put(command, pyrolab.run(command.toArray(String[]::new)));
        }
        assertThat(pyrolab.daemons()).as("none of these starts a daemon").isEmpty();
        Result drivers = withoutDaemon.get(List.of("drivers"));
        assertThat(drivers.exit).as("%s", drivers).isZero();
        assertThat(drivers.out).contains("sample.echo", "sim.laser", "scpi.b2900")
                .contains("broken.jar: not an OSGi bundle (not a jar file)")
                .contains("notes.txt: ignored: only .jar files in the deploy directory are installed")
                .endsWith("(* required parameter; deploy directory: " + pyrolab.home.resolve("deploy") + ")\n");
        Result good = withoutDaemon.get(List.of("config", "validate", "good.yaml"));
        assertThat(good.out).isEqualTo("OK: " + pyrolab.root.resolve("good.yaml") + " is valid.\n");
        Result bad = withoutDaemon.get(List.of("config", "validate", "bad.yaml"));
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.err).startsWith("pyrolab: 11 problem(s); nothing was changed:\n")
                .as("driver parameters are checked from the jars")
                .contains("bad.yaml:7: services.asgard.laser.parameters.no_such_param: `sim.laser` has no parameter `no_such_param`")
                .doesNotContain("\tat ");
        assertThat(withoutDaemon.get(List.of("config", "validate", "missing.yaml")).err)
                .isEqualTo("pyrolab: 1 problem(s); nothing was changed:\n" + pyrolab.root.resolve("missing.yaml")
                        + ": there is no such file; give the path of a YAML or JSON configuration\n");
        assertThat(withoutDaemon.get(List.of("config", "validate", "latin1.yaml")).err).contains("cannot be read: it is not UTF-8 text");
        assertThat(Lab.read(userConfig)).as("a failed update changes nothing").isEqualTo(CONFIG);
        assertThat(withoutDaemon.get(List.of("config")).exit).isEqualTo(2);
        assertThat(withoutDaemon.get(List.of("logs", "-n", "many")).exit).isEqualTo(2);
    }

    @Test
    @Order(2)
    void withADaemonTheyAnswerTheSame() {
        pyrolab.up();
        awaitState(pyrolab, "a.echo", "RUNNING");
        for (Map.Entry<List<String>, Result> offline : withoutDaemon.entrySet()) {
            Result online = pyrolab.run(offline.getKey().toArray(String[]::new));
            assertThat(online.toString()).as("pyrolab %s with a daemon and without", String.join(" ", offline.getKey()))
                    .isEqualTo(offline.getValue().toString());
        }
        assertThat(Lab.read(userConfig)).isEqualTo(CONFIG);
    }

    @Test
    @Order(3)
    void showSaysWhichConfigurationItShows() {
        long pid = pyrolab.lock().orElseThrow().pid;
        Result running = ok(pyrolab, "config", "show");
        assertThat(running.out).isEqualTo("# the running configuration of the PyroLab daemon (pid " + pid + "), read from " + userConfig
                + "\n" + CONFIG);
        ok(pyrolab, "stop", "a.echo");
        serviceLogWithDaemon = ok(pyrolab, "logs", "a.echo", "-n", "100").out;
        assertThat(serviceLogWithDaemon).contains("a.echo");
        ok(pyrolab, "down");

        Result user = ok(pyrolab, "config", "show");
        assertThat(user.out).isEqualTo("# no daemon is running: the user configuration " + userConfig + "\n" + CONFIG);
        assertThat(user.err).isEmpty();
    }

    @Test
    @Order(4)
    void logsOfAServiceReadTheSameAfterTheDaemonStopped() {
        assertThat(pyrolab.daemons()).isEmpty();
        assertThat(ok(pyrolab, "logs", "a.echo", "-n", "100").out).isEqualTo(serviceLogWithDaemon);
        assertThat(ok(pyrolab, "logs", "-n", "5").out.lines()).hasSize(5);
    }

    @Test
    @Order(5)
    void logsFollowsAFileUntilStopped() throws Exception {
        Path log = Lab.write(pyrolab.home.resolve("logs/services/a.echo.log.0"), "first\nsecond\n");
        Pyrolab.Command follow = pyrolab.start(null, "logs", "a.echo", "-f", "-n", "1");
        try {
            Lab.await("the last line", () -> Files.readString(follow.out).equals("second\n"), () -> Files.readString(follow.err));
            Files.writeString(log, "third\n", java.nio.file.StandardOpenOption.APPEND);
            Lab.await("a line written later", () -> Files.readString(follow.out).equals("second\nthird\n"), () -> Files.readString(follow.err));
            assertThat(follow.process.isAlive()).isTrue();
        } finally {
            follow.process.descendants().forEach(ProcessHandle::destroyForcibly);
            follow.process.destroyForcibly();
            follow.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(6)
    void logsExportAndCleanWithNoDaemon() {
        Lab.write(pyrolab.home.resolve("logs/services/gone.echo.log.0"), "2026-01-01T00:00:00.000 INFO    old\n");
        Result export = ok(pyrolab, "logs", "export", "all.log");
        assertThat(export.out).startsWith("Wrote ").endsWith(" log entries to " + pyrolab.root.resolve("all.log") + ".\n");
        assertThat(Lab.read(pyrolab.root.resolve("all.log"))).contains("old  [services/gone.echo.log.0]");
        Result clean = ok(pyrolab, "logs", "clean");
        assertThat(clean.out).startsWith("Cleared ").endsWith(" log files.\n");
        assertThat(pyrolab.home.resolve("logs/services/gone.echo.log.0")).as("not configured: removed").doesNotExist();
        assertThat(pyrolab.home.resolve("logs/services/a.echo.log.0")).as("configured: emptied").isEmptyFile();
    }

    @Test
    @Order(7)
    void updateWithNoDaemonIsWhatTheNextUpRuns() {
        Lab.write(pyrolab.root.resolve("next.yaml"), CONFIG.replace("a.echo", "c.echo"));
        Result update = ok(pyrolab, "config", "update", "next.yaml");
        assertThat(update.out).isEqualTo("OK: " + pyrolab.root.resolve("next.yaml")
                + " is valid and is now the user configuration; `pyrolab reload` or the next `pyrolab up` applies it.\n");
        assertThat(Lab.read(userConfig)).contains("c.echo");
        pyrolab.up();
        awaitState(pyrolab, "c.echo", "RUNNING");
        assertThat(Lab.ps(pyrolab)).extracting(r -> r.get("name")).doesNotContain("a.echo");
    }

    @Test
    @Order(8)
    void resetSaysTheSameWithADaemonAndWithout() throws Exception {
        Result withDaemon = ok(pyrolab, "config", "reset", "--yes");
        Result again = ok(pyrolab, "config", "reset", "--yes");
        ok(pyrolab, "down");
        Lab.write(userConfig, CONFIG);
        assertThat(ok(pyrolab, "config", "reset", "--yes").toString()).isEqualTo(withDaemon.toString());
        assertThat(ok(pyrolab, "config", "reset", "--yes").toString()).isEqualTo(again.toString());
        assertThat(withDaemon.out).isEqualTo("Removed " + userConfig + ".\n");
        assertThat(again.out).isEqualTo("There was no user configuration file.\n");
        assertThat(ok(pyrolab, "config", "show").out).isEqualTo("# no daemon is running and there is no user configuration ("
                + userConfig + " does not exist)\n");
    }

    @Test
    @Order(9)
    void startWithNoDaemonStartsItFirst() {
        Lab.write(userConfig, CONFIG);
        assertThat(pyrolab.daemons()).isEmpty();
        Result start = ok(pyrolab, "start", "b.laser");
        assertThat(start.out).contains("PyroLab daemon started (pid ").contains("Started b.laser (driver sim.laser).");
        assertThat(Lab.state(pyrolab, "b.laser")).isEqualTo("RUNNING");
        assertThat(Lab.state(pyrolab, "a.echo")).as("autolaunched as by `up`").isIn("RUNNING", "STARTING");
        ok(pyrolab, "down");
    }

    /** The command's JVM stays lean: only the daemon-free commands load the daemon's code, Jackson or YAML. */
    @Test
    @Order(10)
    void otherCommandsLoadNoneOfTheDaemonsCode() throws Exception {
        Path lean = pyrolab.root.resolve("status-classes.log");
        Path offline = pyrolab.root.resolve("show-classes.log");
        pyrolab.env("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + lean);
        Result status = pyrolab.run("status");
        pyrolab.env("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + offline);
        Result show = pyrolab.run("config", "show");
        pyrolab.env("JAVA_TOOL_OPTIONS", "");
        assertThat(status.exit).as("%s", status).isEqualTo(3);
        assertThat(show.exit).as("%s", show).isZero();
        List<String> loaded = new ArrayList<>(Files.readAllLines(lean));
        assertThat(loaded).anyMatch(l -> l.contains("org.pyrolab.launcher.Main "));
        assertThat(loaded).noneMatch(l -> l.contains("com.fasterxml.") || l.contains("org.yaml.") || l.contains("org.pyrolab.daemon."));
        assertThat(Files.readAllLines(offline)).anyMatch(l -> l.contains("org.pyrolab.daemon.offline.OfflineMain "));
    }
}
