package org.pyrolab.pyro5.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.pyro5.wire.Message;

/**
 * The engine's bounds, each tried over real sockets: after every attack a good client is still
 * served by the same server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerLimitsTest {

    private static final String ID = "lab.echo";

    private final TestObjects objects = new TestObjects(ID);
    private final List<AutoCloseable> open = new ArrayList<>();
    private PyroServer server;

    private PyroServer start(PyroServerConfig config, MemoryBudget budget) throws IOException {
        server = new PyroServer(config, objects, budget);
        server.start();
        return server;
    }

    private RawPeer peer() throws IOException {
        RawPeer p = new RawPeer(server.port());
        open.add(p);
        return p;
    }

    @AfterEach
    void stop() throws Exception {
        objects.release();
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void assertGoodClientServed() throws IOException {
        try (RawPeer good = new RawPeer(server.port())) {
            assertEquals(Message.CONNECTOK, good.connect(ID).type());
            Message reply = good.call(ID, "echo", "still here");
            assertEquals(0, reply.flags() & Message.FLAG_EXCEPTION, () -> String.valueOf(good.decode(reply)));
            assertEquals("still here", good.decode(reply));
        }
    }

    /** The message of a Pyro exception dict. */
    private static String message(Object error) {
        return String.valueOf(((Object[]) ((Map<?, ?>) error).get("args"))[0]);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void stalledMessagesHoldOnlyWhatArrived() throws Exception {
        MemoryBudget budget = new MemoryBudget(16 << 20);
        start(PyroServerConfig.defaults().withMaxConnections(128), budget);
        for (int i = 0; i < 64; i++) {
            RawPeer p = peer();
            p.sendRaw(RawPeer.header(Message.CONNECT, 0, 0, PyroServerConfig.DEFAULT_MAX_MESSAGE_SIZE));
            p.sendRaw(new byte[100]);
        }
        await("all 64 stalled messages have begun", () -> budget.used() >= 64L * 64 * 1024);
        // 64 messages announced 16 MiB each (1 GiB); each holds its first 64 KiB chunk, no more
        assertEquals(64L * 64 * 1024, budget.used());
        assertGoodClientServed();
    }

    @Test
    void aSpentBudgetRefusesTheMessageWithAPyroError() throws Exception {
        MemoryBudget budget = new MemoryBudget(200 * 1024);
        start(PyroServerConfig.defaults(), budget);
        RawPeer hog = peer();
        assertEquals(Message.CONNECTOK, hog.connect(ID).type());
        hog.sendRaw(RawPeer.header(Message.INVOKE, 0, 1, 1 << 20));
        hog.sendRaw(new byte[200 * 1024]); // holds 64, then 128 KiB; growing to 256 KiB is refused
        Message refusal = hog.codec.read(hog.in);
        assertNotNull(refusal);
        assertEquals(Message.RESULT, refusal.type());
        assertTrue(refusal.has(Message.FLAG_EXCEPTION));
        assertEquals("Pyro5.errors.MessageTooLargeError", ((Map<?, ?>) hog.decode(refusal)).get("__class__"));
        assertTrue(hog.closedByServer());
        await("the refused message's memory is given back", () -> budget.used() == 0);
        assertGoodClientServed();
    }

    @Test
    void stalledFullSizeMessagesAreEvictedForNewOnes() throws Exception {
        MemoryBudget budget = new MemoryBudget(4 << 20);
        start(PyroServerConfig.defaults().withMaxMessageSize(1 << 20), budget);
        List<RawPeer> hogs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawPeer hog = peer();
            hog.sendRaw(RawPeer.header(Message.CONNECT, 0, 0, 1 << 20));
            hog.sendRaw(new byte[(1 << 20) - 1]); // all but the last byte, then silence
            hogs.add(hog);
        }
        await("four stalled messages fill the budget", () -> budget.used() == 4 << 20);
        await("a good client is served, a stalled message evicted to make room", () -> {
            try {
                assertGoodClientServed();
                return true;
            } catch (IOException | AssertionError e) {
                return false; // refused while the hogs were still fresh
            }
        });
        assertTrue(hogs.stream().anyMatch(h -> {
            try {
                h.socket.setSoTimeout(100); // the evicted one reads EOF at once; the others would time out
            } catch (IOException e) {
                return true;
            }
            return h.closedByServer();
        }), "a stalled sender lost its connection");
    }

    @Test
    void aHeaderOverTheLimitIsAnsweredAndClosed() throws Exception {
        start(PyroServerConfig.defaults().withMaxMessageSize(64 * 1024), new MemoryBudget(1 << 20));
        RawPeer p = peer();
        p.sendRaw(RawPeer.header(Message.CONNECT, 0, 7, 1 << 30));
        Message fail = p.codec.read(p.in);
        assertEquals(Message.CONNECTFAIL, fail.type());
        assertEquals(7, fail.seq());
        assertTrue(String.valueOf(p.decode(fail)).contains("too large"));
        assertTrue(p.closedByServer());
        assertGoodClientServed();
    }

    @Test
    void aCompressedBombStopsAtTheMessageLimit() throws Exception {
        MemoryBudget budget = new MemoryBudget(8 << 20);
        start(PyroServerConfig.defaults().withMaxMessageSize(1 << 20), budget);
        byte[] bomb = deflate(new byte[64 << 20]); // 64 MiB of zeros in about 64 KiB
        RawPeer p = peer();
        assertEquals(Message.CONNECTOK, p.connect(ID).type());
        p.send(new Message(Message.INVOKE, 1, Message.FLAG_COMPRESSED, 1, null, null, bomb));
        assertTrue(p.closedByServer());
        await("the bomb's memory is given back", () -> budget.used() == 0);
        assertGoodClientServed();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    @Test
    void aSlowSenderIsClosedAtTheMessageDeadline() throws Exception {
        start(PyroServerConfig.defaults().withMessageDeadline(Duration.ofMillis(300)), new MemoryBudget(1 << 20));
        RawPeer slow = peer();
        slow.sendRaw(new byte[] {'P', 'Y'}); // the message has begun, and stops
        long t0 = System.nanoTime();
        assertTrue(slow.closedByServer());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(9), "closed by the deadline, not by the test's read timeout");
        assertGoodClientServed();
    }

    @Test
    void idleConnectionsAreLegalAndMakeRoomWhenFull() throws Exception {
        start(PyroServerConfig.defaults().withMaxConnections(8), new MemoryBudget(1 << 20));
        RawPeer first = peer();
        assertEquals(Message.CONNECTOK, first.connect(ID).type());
        for (int i = 0; i < 50; i++) {
            peer(); // a flood of sockets that never say anything
        }
        await("the flood is admitted, evicting the longest-idle", () -> server.connectionCount() == 8);
        assertGoodClientServed();
        assertNull(first.codec.read(first.in), "the longest-idle connection was closed first");
    }

    @Test
    void aHungCallTimesOutAndTheConnectionGoesOn() throws Exception {
        start(PyroServerConfig.defaults().withCallTimeout(Duration.ofMillis(200)), new MemoryBudget(1 << 20));
        RawPeer p = peer();
        assertEquals(Message.CONNECTOK, p.connect(ID).type());
        Message timeout = p.call(ID, "hang");
        assertTrue(timeout.has(Message.FLAG_EXCEPTION));
        Map<?, ?> error = (Map<?, ?>) p.decode(timeout);
        assertEquals("Pyro5.errors.TimeoutError", error.get("__class__"));
        assertTrue(message(error).contains("lab.echo.hang"), message(error));
        assertEquals("same connection", p.decode(p.call(ID, "echo", "same connection")));
        assertEquals(1, objects.hanging.get(), "the hung call holds one thread");
    }

    @Test
    void anObjectWithHungCallsIsRefusedAtOnce() throws Exception {
        start(PyroServerConfig.defaults().withCallTimeout(Duration.ofMillis(100)), new MemoryBudget(1 << 20));
        RawPeer p = peer();
        assertEquals(Message.CONNECTOK, p.connect(ID).type());
        for (int i = 0; i < HungCalls.MAX_PER_OBJECT; i++) {
            assertTrue(p.call(ID, "hang").has(Message.FLAG_EXCEPTION));
        }
        String refused = message(p.decode(p.call(ID, "echo", "x")));
        assertTrue(refused.contains("does not answer"), refused);
        assertEquals(HungCalls.MAX_PER_OBJECT, objects.hanging.get());
        objects.release();
        await("the hung calls return and free their threads", () -> objects.hanging.get() == 0);
        await("the object is callable again", () -> {
            try {
                return "x".equals(p.decode(p.call(ID, "echo", "x")));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
