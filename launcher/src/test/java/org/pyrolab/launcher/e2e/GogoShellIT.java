package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pyrolab.launcher.e2e.attack.Survival;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * {@code pyrolab shell} with Gogo shell's builtins: piped lines, {@code -c LINE}, script files
 * (the shipped example procedure among them) and a script that fails half way. One daemon for all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GogoShellIT {
    /** The services the shipped config/example-procedure.gogo uses, without demo.yaml's fixed name server port. */
    static final String CONFIG = String.join("\n",
            "version: \"1.0\"",
            "services:",
            "  demo.laser:",
            "    driver: sim.laser",
            "    parameters: {min_wavelength: 1500.0, max_wavelength: 1630.0}",
            "  demo.stage:",
            "    driver: sim.stage",
            "    parameters: {max_position: 25.0}",
            "");

    private Pyrolab pyrolab;

    @BeforeAll
    void up() throws Exception {
        pyrolab = new Pyrolab();
        pyrolab.up("--config", Lab.write(pyrolab.root.resolve("lab.yaml"), CONFIG).toString());
    }

    @AfterAll
    void down() throws Exception {
        pyrolab.close();
    }

    @Test
    void pipedLinesRunGogoBuiltinsPipesAndClosures() {
        Result shell = pyrolab.runWithInput("echo hello\nlb | grep -i jackson\neach [1 2] { echo $it }\nexit\n", "shell");
        assertThat(shell.exit).as("%s", shell).isZero();
        assertThat(shell.out).contains("pyrolab> hello\n", "jackson-databind", "pyrolab> 1\n2\npyrolab> ")
                .doesNotContain("Gogo Runtime", "true", "null");
        assertThat(shell.err).isEmpty();
    }

    @Test
    void dashCRunsOneLine() {
        Result line = pyrolab.run("shell", "-c", "x = world; echo hello $x; ps | grep -i demo.laser");
        assertThat(line.exit).as("%s", line).isZero();
        assertThat(line.out).startsWith("hello world\ndemo.laser ").doesNotContain("true");
        assertThat(line.err).isEmpty();

        Result unknown = pyrolab.run("shell", "-c", "echo before; nosuch; echo after");
        assertThat(unknown.exit).as("%s", unknown).isEqualTo(2);
        assertThat(unknown.out).isEqualTo("before\n");
        assertThat(unknown.err).isEqualTo("pyrolab: line 1 (`nosuch`): there is no command `nosuch`; run `pyrolab help` for the list\n");

        Result telnet = pyrolab.run("shell", "-c", "telnetd start");
        assertThat(telnet.exit).as("a telnet shell would need no token: hidden").isEqualTo(2);
        assertThat(telnet.err).contains("there is no command `telnetd`");

        Result unclosed = pyrolab.run("shell", "-c", "echo {");
        assertThat(unclosed.exit).as("%s", unclosed).isEqualTo(2);
        assertThat(unclosed.out).isEmpty();
        assertThat(unclosed.err).startsWith("pyrolab: line 1: ").contains("{}");
    }

    @Test
    void theExampleProcedureRunsToTheEnd() {
        Path procedure = Pyrolab.INSTALLATION.resolve("config/example-procedure.gogo");
        Result script = pyrolab.run("shell", procedure.toString());
        assertThat(script.exit).as("%s", script).isZero();
        assertThat(script.out).contains("Started demo.laser", "Started demo.stage", "demo.laser, demo.stage are RUNNING.",
                "\"wavelength_nm\" : 1550.0", "demo.laser is running\ndemo.stage is running\n",
                "Stopped demo.laser.", "Stopped demo.stage.").endsWith("procedure done\n");
        assertThat(script.err).isEmpty();
        assertThat(pyrolab.run("ps").out).containsPattern("demo.laser +service +STOPPED");
    }

    @Test
    void psReturnsServicesAScriptWalksAndTheCommandLinePrintsTheSameTable() {
        Result walk = pyrolab.run("shell", "-c", "each (ps) { echo ($it name) ($it state) ($it driver) }; ((ps) get 1) kind");
        assertThat(walk.exit).as("%s", walk).isZero();
        assertThat(walk.out).isEqualTo("demo.laser STOPPED sim.laser\ndemo.stage STOPPED sim.stage\nservice\n");

        Result table = pyrolab.run("ps");
        assertThat(pyrolab.run("shell", "-c", "ps").out).isEqualTo(table.out);
        Result row = pyrolab.run("shell", "-c", "(ps) get 0");
        assertThat(row.out.lines()).as("a row alone prints as a table of one").hasSize(2).first().asString().startsWith("NAME ");
        assertThat(row.out.lines().skip(1)).singleElement().asString().startsWith("demo.laser ");
    }

    @Test
    void stateAndAwaitAnswerFromTheCommandLineToo() {
        Result state = pyrolab.run("state", "demo.stage");
        assertThat(state.out).isEqualTo("STOPPED\n");
        Result notRunning = pyrolab.run("await", "demo.stage", "--timeout", "0.3");
        assertThat(notRunning.exit).as("%s", notRunning).isEqualTo(1);
        assertThat(notRunning.err).isEqualTo("pyrolab: not RUNNING after 0.3 s: demo.stage is STOPPED\n");
        Result stopped = pyrolab.run("await", "demo.stage", "--state", "stopped");
        assertThat(stopped.exit).as("%s", stopped).isZero();
        assertThat(stopped.out).isEqualTo("demo.stage is STOPPED.\n");
    }

    @Test
    void anAwaitCutShortByDownSaysSoInOneLine() throws Exception {
        try (Pyrolab other = new Pyrolab()) {
            other.up("--config", Lab.write(other.root.resolve("lab.yaml"), CONFIG).toString());
            Pyrolab.Command waiting = other.start(null, "await", "demo.laser", "--timeout", "3600");
            Lab.await("await runs in the daemon", () -> Survival.number(Json.object(other.ask("status", "--json")), "controlClients") == 2);
            assertThat(other.run("down").exit).isZero();
            Result cut = other.await(waiting);
            assertThat(cut.exit).as("%s", cut).isEqualTo(1);
            assertThat(cut.err).isEqualTo("pyrolab: interrupted: the daemon is stopping\n");
        }
    }

    @Test
    void aFailingLineStopsTheScriptAndIsNamed() throws Exception {
        Path script = Files.writeString(pyrolab.root.resolve("half.gogo"), String.join("\n",
                "# starts a service that is not configured",
                "echo first",
                "each [a b] {",
                "  echo item $it",
                "}",
                "start no.such.service",
                "echo never",
                "start demo.laser",
                ""));
        Result r = pyrolab.run("shell", script.toString());
        assertThat(r.exit).as("%s", r).isEqualTo(1);
        assertThat(r.out).isEqualTo("first\nitem a\nitem b\n");
        assertThat(r.err).startsWith("pyrolab: line 6 of " + script + " (`start no.such.service`): there is no service `no.such.service`");
        assertThat(pyrolab.run("ps").out).as("the lines after it did not run").doesNotContainPattern("demo.laser +service +RUNNING");
    }

    @Test
    void withoutADaemonEveryFormSaysSoInOneLine() throws Exception {
        try (Pyrolab idle = new Pyrolab()) {
            Path script = Files.writeString(idle.root.resolve("s.gogo"), "echo hi\n");
            for (String[] args : new String[][] {{"shell"}, {"shell", "-c", "echo hi"}, {"shell", script.toString()}}) {
                Result r = idle.run(args);
                assertThat(r.exit).as("%s", r).isEqualTo(3);
                assertThat(r.err).isEqualTo(Pyrolab.NOT_RUNNING + "\n");
                assertThat(r.out).isEmpty();
            }
            Result missing = idle.run("shell", idle.root.resolve("nosuch.gogo").toString());
            assertThat(missing.exit).as("%s", missing).isEqualTo(2);
            assertThat(missing.err).startsWith("pyrolab: cannot read the script ");
            assertThat(idle.daemons()).isEmpty();
        }
    }
}
