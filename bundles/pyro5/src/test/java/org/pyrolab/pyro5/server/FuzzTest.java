package org.pyrolab.pyro5.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;

/**
 * Random, truncated and malformed frames against a server over loopback (bounded in count and
 * time). Every frame is accounted for: the server answers and closes, or closes (a reset counts),
 * and never leaves a connection hanging; a good client is served throughout and no connection
 * lingers afterwards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FuzzTest {

    private static final int ROUNDS = 400;
    private static final long MAX_NANOS = 20_000_000_000L;

    private PyroServer server;
    private final Random random = new Random(20261126L); // fixed seed: failures repeat

    @BeforeEach
    void start() throws Exception {
        server = new PyroServer(PyroServerConfig.defaults().withMaxMessageSize(64 * 1024)
                .withMessageDeadline(java.time.Duration.ofSeconds(1)), new TestObjects("test.instrument"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void malformedTrafficNeverHurtsOtherClients() throws Exception {
        MessageCodec codec = new MessageCodec(1 << 20);
        byte[] connect = codec.encode(new Message(Message.CONNECT, 1, 0, 0, null, null,
                new SerpentSerializer().encode(Map.of("handshake", "hello", "object", "test.instrument"))));
        byte[] invoke = codec.encode(new Message(Message.INVOKE, 1, 0, 1, null, null,
                new SerpentSerializer().encode(new Object[] {"test.instrument", "add", new Object[] {1, 2}, Map.of()})));
        long start = System.nanoTime();
        int rounds = 0;
        int closed = 0;
        int reset = 0;
        PyroProxy good = new PyroProxy(new PyroURI(server.uri("test.instrument").toString()));
        try {
            for (; rounds < ROUNDS && System.nanoTime() - start < MAX_NANOS; rounds++) {
                byte[] frame = frame(rounds % 9, connect, invoke);
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(5000); // far past the server's 1 s message deadline: a timeout here is a hang
                    try {
                        s.getOutputStream().write(frame);
                        s.shutdownOutput(); // EOF: truncated frames end here
                        drain(s.getInputStream());
                        closed++;
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("round " + rounds + ": the server left the connection hanging", e);
                    } catch (SocketException e) {
                        reset++; // the server closed before reading everything: a fine answer to garbage
                    }
                }
                if (rounds % 50 == 0) {
                    assertEquals(3L, ((Number) good.call("add", 1, 2)).longValue(), "good client after round " + rounds);
                }
            }
            assertEquals(3L, ((Number) good.call("add", 1, 2)).longValue());
        } finally {
            good.close();
        }
        assertTrue(rounds >= 100, "only " + rounds + " rounds");
        assertEquals(rounds, closed + reset, "every frame ends in a close or a reset: " + closed + " closed, " + reset + " reset");
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.connectionCount(), "connections left open");
    }

    private byte[] frame(int kind, byte[] connect, byte[] invoke) {
        switch (kind) {
            case 0: // random bytes
                return bytes(random.nextInt(200));
            case 1: // a valid CONNECT, cut anywhere
                return Arrays.copyOf(connect, random.nextInt(connect.length));
            case 2: // bad magic
                return patch(connect, 38, (byte) 0x12);
            case 3: // wrong version
                return patch(connect, 5, (byte) 0xf5);
            case 4: { // a huge length
                byte[] f = connect.clone();
                ByteBuffer.wrap(f).putInt(12, 0x7fff0000);
                return f;
            }
            case 5: // unknown serializer
                return patch(connect, 7, (byte) (5 + random.nextInt(200)));
            case 6: { // good header, garbage payload
                byte[] f = connect.clone();
                for (int i = 40; i < f.length; i++) {
                    f[i] = (byte) random.nextInt(256);
                }
                return f;
            }
            case 7: { // good connect, then a mangled invoke
                byte[] inv = invoke.clone();
                for (int i = 0; i < 3; i++) {
                    int at = 40 + random.nextInt(inv.length - 40);
                    inv[at] = (byte) random.nextInt(256);
                }
                return concat(connect, inv);
            }
            default: { // good connect, then random bytes
                return concat(connect, "PYRO".getBytes(StandardCharsets.US_ASCII), bytes(random.nextInt(100)));
            }
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] patch(byte[] src, int at, byte value) {
        byte[] f = src.clone();
        f[at] = value;
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // read until the server closes
        }
    }
}
