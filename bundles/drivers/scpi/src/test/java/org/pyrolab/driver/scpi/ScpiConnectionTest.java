package org.pyrolab.driver.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.sim.scpi.B2900Simulator;
import org.pyrolab.sim.scpi.ScpiHandler;
import org.pyrolab.sim.scpi.ScpiServer;

class ScpiConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private B2900Simulator simulator() throws IOException {
        B2900Simulator simulator = B2900Simulator.start(0);
        toClose.add(0, simulator);
        return simulator;
    }

    /** A server that answers every line with whatever {@code handler} says. */
    private ScpiServer server(ScpiHandler handler) throws IOException {
        ScpiServer server = ScpiServer.start(0, handler, "test-server");
        toClose.add(0, server);
        return server;
    }

    private ScpiConnection connect(int port, Duration ioTimeout) {
        ScpiConnection connection = new ScpiConnection("127.0.0.1", port, TIMEOUT, ioTimeout);
        toClose.add(0, connection);
        return connection;
    }

    @Test
    void queriesAndCommandsReachTheInstrument() throws Exception {
        ScpiConnection scpi = connect(simulator().port(), TIMEOUT);

        assertEquals(B2900Simulator.IDENTITY, scpi.query("*IDN?"));
        scpi.execute(":SOUR:VOLT 1.25");
        assertEquals(1.25, scpi.queryDouble(":SOUR:VOLT?"));
        assertEquals(List.of(), scpi.readErrors());
        assertEquals(1, scpi.connects());
    }

    @Test
    void anUnknownCommandIsReportedFromTheErrorQueue() throws Exception {
        ScpiConnection scpi = connect(simulator().port(), TIMEOUT);

        ScpiInstrumentException e = assertThrows(ScpiInstrumentException.class, () -> scpi.execute("FOO:BAR 1"));

        assertEquals("the instrument refused 'FOO:BAR 1': -113,\"Undefined header\"", e.getMessage());
        assertEquals(List.of(new ScpiError(-113, "Undefined header")), e.errors());
        assertEquals(List.of(), scpi.readErrors());
    }

    @Test
    void anUnansweredQueryTimesOutAndTheNextOneWorks() throws Exception {
        ScpiConnection scpi = connect(simulator().port(), SHORT_TIMEOUT);

        ScpiTimeoutException e = assertThrows(ScpiTimeoutException.class, () -> scpi.query("FOO?"));

        assertTrue(e.getMessage().contains("did not answer 'FOO?' within 300 ms"), e.getMessage());
        assertEquals(List.of(new ScpiError(-113, "Undefined header")), scpi.readErrors());
        assertEquals(2, scpi.connects());
    }

    @Test
    void aDroppedConnectionIsReopenedOnTheNextCall() throws Exception {
        B2900Simulator simulator = simulator();
        ScpiConnection scpi = connect(simulator.port(), TIMEOUT);
        scpi.query("*IDN?");

        simulator.disconnectClients();

        assertEquals(B2900Simulator.IDENTITY, waitForReply(scpi, "*IDN?"));
        assertEquals(2, scpi.connects());
    }

    @Test
    void aConnectionDroppedDuringAQueryFailsThatQueryOnly() throws Exception {
        AtomicReference<ScpiServer> server = new AtomicReference<>();
        server.set(server(line -> {
            if (line.equals("DROP?")) {
                server.get().disconnectClients();
                return null;
            }
            return "ok";
        }));
        ScpiConnection scpi = connect(server.get().port(), TIMEOUT);

        ScpiConnectionException e = assertThrows(ScpiConnectionException.class, () -> scpi.query("DROP?"));

        assertTrue(e.getMessage().contains("closed the connection before answering 'DROP?'"), e.getMessage());
        assertEquals("ok", scpi.query("PING?"));
        assertEquals(2, scpi.connects());
    }

    @Test
    void garbageInAReplyIsAProtocolError() throws Exception {
        ScpiServer server = server(line -> line.equals("BAD?") ? "12\u0000\u00ff#" : "+1.5E+00");
        ScpiConnection scpi = connect(server.port(), TIMEOUT);

        ScpiProtocolException garbled = assertThrows(ScpiProtocolException.class, () -> scpi.query("BAD?"));

        assertTrue(garbled.getMessage().contains("garbled answer to 'BAD?' (byte 0x0 at position 2)"), garbled.getMessage());
        assertEquals(1.5, scpi.queryDouble("GOOD?"));
    }

    @Test
    void aReplyOfTheWrongKindIsAProtocolError() throws Exception {
        ScpiServer server = server(line -> "hello");
        ScpiConnection scpi = connect(server.port(), TIMEOUT);

        ScpiProtocolException number = assertThrows(ScpiProtocolException.class, () -> scpi.queryDouble(":MEAS:VOLT?"));
        ScpiProtocolException flag = assertThrows(ScpiProtocolException.class, () -> scpi.queryBoolean(":OUTP?"));
        ScpiProtocolException queue = assertThrows(ScpiProtocolException.class, scpi::readErrors);

        assertTrue(number.getMessage().contains("answered 'hello' to ':MEAS:VOLT?', which is not a number"), number.getMessage());
        assertTrue(flag.getMessage().contains("which is not 0 or 1"), flag.getMessage());
        assertTrue(queue.getMessage().contains("not an error queue entry"), queue.getMessage());
    }

    @Test
    void anEndlessReplyLineIsAProtocolError() throws Exception {
        String huge = "x".repeat(LineChannel.MAX_LINE_BYTES + 10);
        ScpiServer server = server(line -> line.equals("HUGE?") ? huge : "ok");
        ScpiConnection scpi = connect(server.port(), TIMEOUT);

        ScpiProtocolException e = assertThrows(ScpiProtocolException.class, () -> scpi.query("HUGE?"));

        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        assertEquals("ok", scpi.query("PING?"));
    }

    @Test
    void nothingListeningIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ScpiConnection scpi = connect(port, TIMEOUT);

        ScpiConnectionException e = assertThrows(ScpiConnectionException.class, () -> scpi.query("*IDN?"));

        assertTrue(e.getMessage().startsWith("cannot connect to the instrument at 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aClosedConnectionRefusesToBeUsed() throws Exception {
        ScpiConnection scpi = connect(simulator().port(), TIMEOUT);
        scpi.close();

        assertThrows(ScpiConnectionException.class, () -> scpi.query("*IDN?"));
        assertThrows(IllegalArgumentException.class, () -> connect(0, TIMEOUT));
    }

    @Test
    void severalClientsShareOneInstrument() throws Exception {
        B2900Simulator simulator = simulator();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                ScpiConnection scpi = connect(simulator.port(), TIMEOUT);
                results.add(clients.submit(() -> {
                    int answered = 0;
                    for (int i = 0; i < 200; i++) {
                        answered += scpi.query("*IDN?").equals(B2900Simulator.IDENTITY) ? 1 : 0;
                    }
                    return answered;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(200, result.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The first call after a drop normally reconnects at once; should the close not have reached
     * this end yet, that call fails with a connection error and the next one reconnects.
     */
    private static String waitForReply(ScpiConnection scpi, String query) throws ScpiException {
        try {
            return scpi.query(query);
        } catch (ScpiConnectionException e) {
            return scpi.query(query);
        }
    }
}
