package org.pyrolab.sim.scpi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A simulated Keysight B2900 source-measure unit on a TCP port, speaking SCPI as the real one does
 * on its socket port 5025, to any number of clients at once. It drives a 1 kΩ resistive load.
 *
 * <pre>
 * try (B2900Simulator smu = B2900Simulator.start(0)) {
 *     connect to 127.0.0.1:smu.port() ...
 * }
 * </pre>
 *
 * Run alone: {@code java -cp driver.scpi.sim.jar org.pyrolab.sim.scpi.B2900Simulator --port 5025}.
 */
public final class B2900Simulator implements Closeable {

    /** What {@code *IDN?} answers. */
    public static final String IDENTITY = "Keysight Technologies,B2901A,SIM0000001,1.0.0-pyrolab-sim";

    /** The port of the real instrument's SCPI socket, and the simulator's when run alone. */
    public static final int DEFAULT_PORT = 5025;

    /** The simulated load. */
    public static final double LOAD_OHMS = 1000;

    private final ScpiServer server;

    private B2900Simulator(ScpiServer server) {
        this.server = server;
    }

    /** Starts listening on 127.0.0.1; {@code port} 0 picks a free port. */
    public static B2900Simulator start(int port) throws IOException {
        return new B2900Simulator(ScpiServer.start(port, new B2900Instrument(IDENTITY, LOAD_OHMS), "b2900-sim"));
    }

    public int port() {
        return server.port();
    }

    /** The address to connect to, such as {@code 127.0.0.1}. */
    public String host() {
        return server.host();
    }

    /** Drops every client connection, as the instrument does when it reboots; it keeps listening. */
    public void disconnectClients() {
        server.disconnectClients();
    }

    /** Blocks until the simulator is closed. */
    public void awaitClose() throws InterruptedException {
        server.awaitClose();
    }

    @Override
    public void close() {
        server.close();
    }

    /** {@code --port N} (default 5025; 0 for a free port): prints where it listens and runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        if (SimulatorArguments.wantsHelp(args)) {
            System.out.println(SimulatorArguments.usage(DEFAULT_PORT));
            return;
        }
        Integer port = SimulatorArguments.port(args, DEFAULT_PORT);
        if (port == null) {
            System.exit(2);
        }
        B2900Simulator simulator;
        try {
            simulator = start(port);
        } catch (IOException e) {
            System.err.println("error: cannot listen on port " + port + ": " + e.getMessage()
                    + "; choose another with --port N (0 picks a free one)");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "b2900-sim-shutdown"));
        System.out.println("B2900 simulator listening on " + simulator.host() + ":" + simulator.port());
        System.out.flush();
        simulator.awaitClose();
    }
}
