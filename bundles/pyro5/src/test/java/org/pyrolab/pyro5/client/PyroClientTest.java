package org.pyrolab.pyro5.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.server.TestObjects;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.ProtocolException;
import org.pyrolab.pyro5.wire.SlowSenderException;

/** The engine's client: against the engine's server for what works, against a scripted peer for what must fail. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PyroClientTest {

    private static final String OBJ = "test.object";
    private static final int TIMEOUT_MS = 500;

    private PyroServer server;

    @BeforeEach
    void start() throws IOException {
        server = new PyroServer(PyroServerConfig.defaults().withTracebacks(true), new TestObjects(OBJ));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PyroClient client() throws IOException {
        return new PyroClient("127.0.0.1", server.port(), OBJ, ClientOptions.plain(5_000).withReplyWait(0));
    }

    @Test
    void readsTheMetadataOfTheConnectOk() throws IOException {
        try (PyroClient c = client()) {
            assertEquals(Set.of("echo", "add", "fail", "hang"), c.metadata().methods());
            assertEquals(Set.of(), c.metadata().oneway());
        }
    }

    @Test
    void callsWithPositionalAndKeywordArguments() throws IOException {
        try (PyroClient c = client()) {
            assertEquals(5L, ((Number) c.call("add", 2, 3)).longValue());
            assertEquals(7L, ((Number) c.call("add", new Object[] {3}, Map.of("b", 4))).longValue());
            assertEquals("x", c.call("echo", new Object[0], Map.of("x", "x")));
        }
    }

    @Test
    void aRemoteErrorIsStructuredAndTheConnectionGoesOn() throws IOException {
        try (PyroClient c = client()) {
            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> c.call("fail", "bad value"));
            assertEquals("builtins.ValueError", e.pythonClass());
            assertEquals("bad value", e.remoteMessage());
            assertEquals("ValueError: bad value", e.getMessage());
            assertTrue(e.remoteTraceback().startsWith("Traceback (most recent call last):\n"), e.remoteTraceback());
            assertEquals("still here", c.call("echo", "still here"));
            assertTrue(c.isOpen());
        }
    }

    @Test
    void aRefusedConnectIsACommunicationError() {
        PyroRemoteException e = assertThrows(PyroRemoteException.class,
                () -> new PyroClient("127.0.0.1", server.port(), "no.such.object", 5_000));
        assertEquals(PyroRemoteException.COMMUNICATION_ERROR, e.pythonClass());
        assertTrue(e.remoteMessage().contains("rejected: unknown object"), e.getMessage());
    }

    @Test
    void pingsTheServer() throws IOException {
        try (PyroClient c = client()) {
            c.ping();
            assertEquals(3L, ((Number) c.call("add", 1, 2)).longValue()); // seq stays in step after a PING
        }
    }

    @Test
    void oneExchangeAtATimeFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (PyroClient c = client()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long base = t * 1000L;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (((Number) c.call("add", base, i)).longValue() != base + i) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sendsHandshakeDataOnewayFlagsAndAttributeCalls() throws IOException {
        try (ScriptedServer peer = new ScriptedServer((m, out) -> {
            if (!m.has(Message.FLAG_ONEWAY)) {
                out.write(ScriptedServer.result(m, null));
            }
        })) {
            try (PyroClient c = new PyroClient("127.0.0.1", peer.port(), "x", ClientOptions.plain(5_000).withHandshake("the lab secret"))) {
                assertEquals(Set.of("fire"), c.metadata().oneway());
                assertEquals(Set.of("gain"), c.metadata().attrs());
                c.callOneway("fire", new Object[] {1}, Map.of());
                c.setAttribute("gain", 3);
                c.getAttribute("gain");
            }
            Map<?, ?> connect = (Map<?, ?>) ScriptedServer.SERPENT.decode(peer.received.get(0).payload());
            assertEquals("the lab secret", connect.get("handshake"));
            assertEquals("x", connect.get("object"));
            Message oneway = peer.received.get(1);
            assertTrue(oneway.has(Message.FLAG_ONEWAY));
            assertEquals(1, oneway.seq());
            Object[] set = (Object[]) ScriptedServer.SERPENT.decode(peer.received.get(2).payload());
            assertEquals("__setattr__", set[1]);
            assertArrayEquals(new Object[] {"gain", 3}, (Object[]) set[2]);
            assertEquals(2, peer.received.get(2).seq()); // the oneway call took seq 1
            assertEquals("__getattr__", ((Object[]) ScriptedServer.SERPENT.decode(peer.received.get(3).payload()))[1]);
        }
    }

    @Test
    void aReplyOutOfSequenceClosesTheConnection() throws IOException {
        try (ScriptedServer peer = new ScriptedServer((m, out) -> out.write(ScriptedServer.CODEC.encode(
                new Message(Message.RESULT, m.serializer(), 0, (m.seq() + 1) & 0xffff, null, null, ScriptedServer.SERPENT.encode("late")))));
             PyroClient c = new PyroClient("127.0.0.1", peer.port(), "x", 5_000)) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> c.call("echo", 1));
            assertTrue(e.getMessage().contains("out of sequence"), e.getMessage());
            assertFalse(c.isOpen());
            assertThrows(IOException.class, () -> c.call("echo", 1));
        }
    }

    @Test
    void aPeerThatStallsMidReplyFailsWithinTheTimeout() throws IOException {
        try (ScriptedServer peer = new ScriptedServer((m, out) -> {
            byte[] reply = ScriptedServer.result(m, "x".repeat(1000));
            out.write(Arrays.copyOf(reply, 60)); // the header and a little, then nothing
            out.flush();
        });
             PyroClient c = new PyroClient("127.0.0.1", peer.port(), "x", ClientOptions.plain(TIMEOUT_MS).withReplyWait(0))) {
            long start = System.nanoTime();
            SlowSenderException e = assertThrows(SlowSenderException.class, () -> c.call("echo", 1));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 5 * TIMEOUT_MS, "took " + tookMs + " ms");
            assertTrue(e.getMessage().contains("did not arrive whole within " + TIMEOUT_MS + " ms"), e.getMessage());
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aReplyLargerThanTheLimitIsRefusedAtItsHeader() throws IOException {
        try (ScriptedServer peer = new ScriptedServer((m, out) -> {
            byte[] header = Arrays.copyOf(ScriptedServer.result(m, null), Message.HEADER_SIZE);
            ByteBuffer.wrap(header).putInt(12, 1 << 30); // announces 1 GiB, sends none of it
            out.write(header);
            out.flush();
        });
             PyroClient c = new PyroClient("127.0.0.1", peer.port(), "x", ClientOptions.plain(30_000).withMaxMessageSize(1 << 20))) {
            long start = System.nanoTime();
            ProtocolException e = assertThrows(ProtocolException.class, () -> c.call("echo", 1));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
            assertTrue(e.getMessage().contains("larger than this client accepts"), e.getMessage());
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aReplyThatNeverBeginsFailsAfterTheReplyWait() throws IOException {
        try (ScriptedServer peer = new ScriptedServer((m, out) -> { });
             PyroClient c = new PyroClient("127.0.0.1", peer.port(), "x", ClientOptions.plain(5_000).withReplyWait(TIMEOUT_MS))) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.call("echo", 1));
            assertTrue(e.getMessage().contains("no reply from 127.0.0.1:" + peer.port() + " within " + TIMEOUT_MS + " ms"), e.getMessage());
            assertFalse(c.isOpen());
        }
    }
}
