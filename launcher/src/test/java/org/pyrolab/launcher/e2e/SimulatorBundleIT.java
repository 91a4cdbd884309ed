package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.await;
import static org.pyrolab.launcher.e2e.Lab.awaitState;
import static org.pyrolab.launcher.e2e.Lab.ok;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11: the B2900 simulator is a bundle of its own that the installation ships next to the
 * drivers. {@code simulate: true} works while it is installed, fails with a reason that says what
 * to install while it is not, and works again once it is back, without restarting the daemon.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SimulatorBundleIT {
    static final String SIMULATOR = "org.pyrolab.driver.scpi.sim";
    static final Path SIMULATOR_JAR = Pyrolab.INSTALLATION.resolve("drivers/driver.scpi.sim.jar");

    private Pyrolab pyrolab;

    @AfterEach
    void stopEverything() throws Exception {
        if (pyrolab != null) {
            pyrolab.close();
        }
    }

    @Test
    void simulateNeedsTheSimulatorBundleAndSaysSo() throws Exception {
        pyrolab = new Pyrolab();
        Path config = Lab.write(pyrolab.root.resolve("lab.yaml"), String.join("\n",
                "services:",
                "  smu:",
                "    driver: scpi.b2900",
                "    parameters: {simulate: true}",
                "autolaunch:",
                "  services: [smu]",
                ""));
        pyrolab.up("--config", config.toString());
        assertThat(pyrolab.home.resolve("deploy/driver.scpi.sim.jar")).as("seeded with the drivers").exists();
        awaitState(pyrolab, "smu", "RUNNING");
        assertThat(ok(pyrolab, "call", "smu", "identify").out).contains("B2901A");

        ok(pyrolab, "uninstall", SIMULATOR);
        await("smu fails for want of the simulator",
                () -> String.valueOf(Lab.row(pyrolab, "smu").get("reason")).contains("needs the B2900 simulator bundle"),
                () -> ok(pyrolab, "ps").out);
        assertThat(Lab.row(pyrolab, "smu")).containsEntry("state", "FAILED");
        assertThat((String) Lab.row(pyrolab, "smu").get("reason")).contains("driver.scpi.sim.jar");

        ok(pyrolab, "install", SIMULATOR_JAR.toString());
        ok(pyrolab, "start", "smu");
        awaitState(pyrolab, "smu", "RUNNING");
        assertThat(ok(pyrolab, "call", "smu", "identify").out).contains("B2901A");
    }
}
