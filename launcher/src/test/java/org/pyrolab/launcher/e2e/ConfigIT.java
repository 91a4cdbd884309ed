package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.awaitState;
import static org.pyrolab.launcher.e2e.Lab.ok;
import static org.pyrolab.launcher.e2e.Lab.row;
import static org.pyrolab.launcher.e2e.Lab.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * Issue 3's configuration commands through the real CLI, one daemon running from the user
 * configuration file: {@code config validate/update/show/export/reset}, {@code reload} and
 * {@code rename}. The tests that change the configuration run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConfigIT {
    /** The file issue 3 says must be accepted as it is. */
    static final String ISSUE_EXAMPLE = String.join("\n",
            "version: \"1.0\"",
            "services:",
            "  asgard.echo:",
            "    driver: sample.echo",
            "    description: Echoes what it is sent",
            "  asgard.laser:",
            "    driver: sim.laser",
            "    parameters: {min_wavelength: 1500.0, max_wavelength: 1630.0}",
            "    restart: on-failure",
            "autolaunch:",
            "  services: [asgard.echo, asgard.laser]",
            "");

    /** Every kind of problem; the line numbers below refer to this text. */
    static final String BAD = String.join("\n",
            "version: \"1.0\"", //                                                1
            "services:", //                                                       2
            "  asgard.echo:", //                                                  3
            "    drivr: sample.echo", //                                          4
            "  asgard.laser:", //                                                 5
            "    driver: sim.laser", //                                           6
            "    parameters: {min_wavelength: \"abc\", no_such_param: 1}", //     7
            "    restart: sometimes", //                                          8
            "    daemon: nowhere", //                                             9
            "    nameservers: [no-ns]", //                                       10
            "    max_restarts: many", //                                         11
            "  py.thing:", //                                                    12
            "    module: pyrolab.drivers.foo", //                                13
            "    classname: Foo", //                                             14
            "  future.one:", //                                                  15
            "    driver: not.yet.installed", //                                  16
            "autolaunch:", //                                                    17
            "  services: [asgard.echo, missing.one]", //                         18
            "extra: 1", //                                                       19
            "");

    private Pyrolab pyrolab;
    private Path userConfig;
    private int closedPort;

    private String config(boolean second) {
        return String.join("\n",
                "version: \"1.0\"",
                "daemons:",
                "  lab-endpoint:",
                "    host: localhost",
                "    port: 0",
                "services:",
                "  keep.echo:",
                "    driver: sample.echo",
                "  change.echo:",
                "    driver: sample.echo",
                "    description: " + (second ? "after" : "before"),
                second ? "  new.echo:" : "  gone.echo:",
                "    driver: sample.echo",
                "  served.echo:",
                "    driver: sample.echo",
                "    daemon: lab-endpoint",
                "  crash.smu:",
                "    driver: scpi.b2900",
                "    parameters: {host: 127.0.0.1, port: " + closedPort + "}",
                "    max_restarts: 1",
                "    timeout: 0.5",
                "autolaunch:",
                "  daemons: [lab-endpoint]",
                "  services: [keep.echo, change.echo, " + (second ? "new.echo" : "gone.echo") + ", served.echo, crash.smu]",
                "");
    }

    @BeforeAll
    void up() throws Exception {
        pyrolab = new Pyrolab();
        closedPort = Lab.closedPort();
        userConfig = Lab.write(pyrolab.home.resolve("config.yaml"), config(false));
        pyrolab.up();
        awaitState(pyrolab, "keep.echo", "RUNNING");
    }

    @AfterAll
    void down() throws Exception {
        pyrolab.close();
    }

    @Test
    void validateAcceptsTheIssuesExampleAsItIs() {
        Path file = Lab.write(pyrolab.root.resolve("asgard.yaml"), ISSUE_EXAMPLE);
        Result r = ok(pyrolab, "config", "validate", "asgard.yaml");
        assertThat(r.out).isEqualTo("OK: " + file + " is valid.\n");
        assertThat(r.err).isEmpty();
        Result example = ok(pyrolab, "config", "validate", Pyrolab.INSTALLATION.resolve("config/example.yaml").toString());
        assertThat(example.out).contains("is valid.");
        Result demo = ok(pyrolab, "config", "validate", Pyrolab.INSTALLATION.resolve("config/demo.yaml").toString());
        assertThat(demo.out).contains("is valid.");
    }

    @Test
    void validateReportsEveryProblemAtOnceWithFileLineAndPath() {
        Lab.write(pyrolab.root.resolve("bad.yaml"), BAD);
        Result r = pyrolab.run("config", "validate", "bad.yaml");
        assertThat(r.exit).as("%s", r).isEqualTo(1);
        assertThat(r.err).startsWith("pyrolab: 11 problem(s); nothing was changed:\n");
        assertThat(r.err.lines()).contains(
                "bad.yaml:19: extra: unknown key; allowed here: autolaunch, daemons, nameservers, services, version, web",
                "bad.yaml:7: services.asgard.laser.parameters.min_wavelength: expected number, not `abc`",
                "bad.yaml:8: services.asgard.laser.restart: expected one of never, on-failure, always, not `sometimes`",
                "bad.yaml:9: services.asgard.laser.daemon: there is no endpoint `nowhere` under `daemons:`",
                "bad.yaml:10: services.asgard.laser.nameservers[0]: there is no `no-ns` under `nameservers:`",
                "bad.yaml:18: autolaunch.services[1]: there is no `missing.one` under `services:`");
        assertThat(r.err).contains("bad.yaml:4: services.asgard.echo.drivr: unknown key; did you mean `driver`?")
                .contains("bad.yaml:3: services.asgard.echo: no `driver`")
                .contains("bad.yaml:7: services.asgard.laser.parameters.no_such_param: `sim.laser` has no parameter `no_such_param`")
                .contains("bad.yaml:11: services.asgard.laser.max_restarts: expected a whole number")
                .contains("bad.yaml:13: services.py.thing.module: `module`/`classname` name Python classes")
                .contains("driver: ")
                .contains("bad.yaml:16: warning: services.future.one.driver: no installed bundle offers the driver `not.yet.installed`");
        assertThat(r.err).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out).isEmpty();
    }

    @Test
    void anUnknownDriverIsOnlyAWarning() {
        Lab.write(pyrolab.root.resolve("future.yaml"), "services:\n  future.one:\n    driver: not.yet.installed\n");
        Result r = ok(pyrolab, "config", "validate", "future.yaml");
        assertThat(r.out).contains("future.yaml:3: warning: services.future.one.driver: no installed bundle offers the driver "
                + "`not.yet.installed`").contains("OK: ").contains("is valid.");
    }

    @Test
    void jsonFilesAreCheckedToo() {
        Lab.write(pyrolab.root.resolve("bad.json"),
                "{\n  \"services\": {\n    \"j.echo\": {\n      \"driver\": \"sample.echo\",\n      \"timeout\": \"slow\"\n    }\n  }\n}\n");
        Result r = pyrolab.run("config", "validate", "bad.json");
        assertThat(r.exit).as("%s", r).isEqualTo(1);
        assertThat(r.err).contains("bad.json:5: services.j.echo.timeout: expected a number of at least 0.1, not `slow`");
    }

    @Test
    void validateOfAMissingFileNamesIt() {
        Result r = pyrolab.run("config", "validate", "missing.yaml");
        assertThat(r.exit).as("%s", r).isEqualTo(1);
        assertThat(r.err).contains(pyrolab.root.resolve("missing.yaml").toString()).contains("there is no such file");
    }

    @Test
    void badUsageIsExitTwo() {
        for (String[] args : new String[][] {{"config"}, {"config", "frobnicate"}, {"config", "validate"}, {"rename", "only-one"}}) {
            Result r = pyrolab.run(args);
            assertThat(r.exit).as("%s: %s", String.join(" ", args), r).isEqualTo(2);
        }
    }

    @Test
    @Order(1)
    void updateWithAnInvalidFileChangesNothing() {
        String before = Lab.read(userConfig);
        String shown = ok(pyrolab, "config", "show").out;
        Lab.write(pyrolab.root.resolve("bad.yaml"), BAD);
        Result r = pyrolab.run("config", "update", "bad.yaml");
        assertThat(r.exit).as("%s", r).isEqualTo(1);
        assertThat(r.err).contains("nothing was changed").contains("bad.yaml:4: services.asgard.echo.drivr");
        assertThat(Lab.read(userConfig)).isEqualTo(before);
        assertThat(ok(pyrolab, "config", "show").out).isEqualTo(shown);
        assertThat(ok(pyrolab, "reload").out).contains("0 new, 0 gone, 0 changed");
    }

    @Test
    @Order(2)
    void showAndExportPrintTheRunningConfiguration() throws Exception {
        Result show = ok(pyrolab, "config", "show");
        long pid = pyrolab.lock().orElseThrow().pid;
        assertThat(show.out).startsWith("# the running configuration of the PyroLab daemon (pid " + pid + "), read from " + userConfig + "\n");
        assertThat(show.out.substring(show.out.indexOf('\n') + 1).strip()).isEqualTo(config(false).strip());
        Result export = ok(pyrolab, "config", "export", "copy.yaml");
        Path copy = pyrolab.root.resolve("copy.yaml");
        assertThat(export.out).contains("Wrote the running configuration to " + copy + ".");
        assertThat(Files.readString(copy).strip()).isEqualTo(config(false).strip());
    }

    @Test
    @Order(3)
    void reloadAppliesTheDifferenceAndLeavesTheRestAlone() {
        awaitGaveUp();
        Map<String, Object> keep = row(pyrolab, "keep.echo");
        Map<String, Object> change = row(pyrolab, "change.echo");
        Map<String, Object> crash = row(pyrolab, "crash.smu");
        assertThat(crash.get("restarts")).isEqualTo(1L);

        Path next = Lab.write(pyrolab.root.resolve("next.yaml"), config(true));
        Result update = ok(pyrolab, "config", "update", "next.yaml");
        assertThat(update.out).contains(next + " is valid and is now the user configuration; `pyrolab reload` or the next `pyrolab up` applies it");
        assertThat(Lab.read(userConfig)).isEqualTo(config(true));
        // the daemon runs from its own copy until reload
        assertThat(ok(pyrolab, "config", "show").out).contains("gone.echo").doesNotContain("new.echo");
        assertThat(Lab.ps(pyrolab)).extracting(r -> r.get("name")).contains("gone.echo").doesNotContain("new.echo");

        Result reload = ok(pyrolab, "reload");
        assertThat(reload.out).contains("Reloaded: 1 new, 1 gone, 1 changed, 3 unchanged.");
        List<Map<String, Object>> rows = Lab.ps(pyrolab);
        assertThat(rows).extracting(r -> r.get("name")).contains("new.echo").doesNotContain("gone.echo");
        awaitState(pyrolab, "new.echo", "RUNNING");
        assertThat(row(pyrolab, "keep.echo")).as("unchanged").containsEntry("state", "RUNNING")
                .containsEntry("started", keep.get("started")).containsEntry("restarts", keep.get("restarts"));
        assertThat(row(pyrolab, "change.echo")).containsEntry("state", "RUNNING");
        assertThat(row(pyrolab, "change.echo").get("started")).as("changed, so restarted").isNotEqualTo(change.get("started"));
        assertThat(row(pyrolab, "crash.smu")).as("unchanged, its restart count stays").containsEntry("restarts", 1L)
                .containsEntry("state", "FAILED");
        assertThat(ok(pyrolab, "config", "show").out).contains("description: after").contains("new.echo");
    }

    @Test
    @Order(4)
    void renameUpdatesEveryReference() {
        Result r = ok(pyrolab, "rename", "keep.echo", "kept.echo");
        assertThat(r.out).contains("Renamed keep.echo to kept.echo in " + userConfig + ".");
        awaitState(pyrolab, "kept.echo", "RUNNING");
        assertThat(Lab.ps(pyrolab)).extracting(x -> x.get("name")).doesNotContain("keep.echo");
        String show = ok(pyrolab, "config", "show").out;
        assertThat(show).contains("kept.echo").doesNotContain("keep.echo");
        assertThat(show).containsPattern("services: \\[kept\\.echo, change\\.echo|- kept\\.echo");

        Result endpoint = ok(pyrolab, "rename", "lab-endpoint", "bench-endpoint");
        assertThat(endpoint.out).contains("Renamed lab-endpoint to bench-endpoint");
        String after = Lab.read(userConfig);
        assertThat(after).doesNotContain("lab-endpoint");
        assertThat(after).containsPattern("daemon: \"?bench-endpoint");
        assertThat(after).containsPattern("daemons: \\[\"?bench-endpoint|daemons:\\s*\\n\\s*- \"?bench-endpoint");
        assertThat(state(pyrolab, "served.echo")).isEqualTo("RUNNING");

        Result bad = pyrolab.run("rename", "kept.echo", "no spaces");
        assertThat(bad.exit).as("%s", bad).isEqualTo(1);
        assertThat(bad.err).contains("`no spaces` is not a usable name");
        Result unknown = pyrolab.run("rename", "nothing.here", "x.y");
        assertThat(unknown.exit).as("%s", unknown).isEqualTo(1);
        assertThat(unknown.err).contains("there is no entry `nothing.here`");
    }

    @Test
    @Order(5)
    void resetAsksFirstThenRemovesTheUserFile() {
        Result ask = pyrolab.run("config", "reset");
        assertThat(ask.exit).as("%s", ask).isEqualTo(1);
        assertThat(ask.err).contains("run `pyrolab config reset --yes` to confirm");
        assertThat(userConfig).exists();
        Result reset = ok(pyrolab, "config", "reset", "--yes");
        assertThat(reset.out).contains("Removed " + userConfig + ".");
        assertThat(userConfig).doesNotExist();
        assertThat(ok(pyrolab, "config", "reset", "--yes").out).contains("There was no user configuration file.");
        // the daemon still runs from its own copy
        assertThat(state(pyrolab, "kept.echo")).isEqualTo("RUNNING");
        assertThat(ok(pyrolab, "config", "show").out).contains("kept.echo");
    }

    private void awaitGaveUp() {
        Lab.await("crash.smu gives up", () -> String.valueOf(row(pyrolab, "crash.smu").get("reason")).contains("gave up"),
                () -> ok(pyrolab, "ps").out);
    }
}
