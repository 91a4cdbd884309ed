package org.pyrolab.driver.scpi.b2900;

import java.io.Closeable;
import java.io.IOException;

import org.pyrolab.sim.scpi.B2900Simulator;

/**
 * The one class of this bundle that names the simulator bundle's types. {@code org.pyrolab.sim.scpi}
 * is an optional import, so this class is only touched after {@link #available(ClassLoader)} said
 * the package is wired: a failed link inside the driver class itself would be remembered by the JVM
 * even after the simulator is installed.
 */
final class SimulatedB2900 {

    /** The simulator's main class, looked up by name so that its absence is an answer, not an error. */
    static final String SIMULATOR_CLASS = "org.pyrolab.sim.scpi.B2900Simulator";

    /** Why {@code simulate: true} cannot run, for the service's FAILED reason. */
    static final String MISSING = "simulate: true needs the B2900 simulator bundle org.pyrolab.driver.scpi.sim"
            + " (driver.scpi.sim.jar in the installation's drivers folder), which is not installed;"
            + " copy it into the deploy directory or run 'pyrolab install' with it";

    /** Where the running simulator listens, and how to stop it. */
    record Running(String host, int port, Closeable simulator) {
    }

    private SimulatedB2900() {
    }

    /** Whether the simulator's package can be loaded through {@code loader} (this bundle's). */
    static boolean available(ClassLoader loader) {
        try {
            Class.forName(SIMULATOR_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Throws with {@link #MISSING} when the simulator bundle is not wired to this one. */
    static void require(ClassLoader loader) {
        if (!available(loader)) {
            throw new IllegalStateException(MISSING);
        }
    }

    /** Starts a simulator on a free loopback port. */
    static Running start() throws IOException {
        B2900Simulator simulator = B2900Simulator.start(0);
        return new Running(simulator.host(), simulator.port(), simulator);
    }
}
