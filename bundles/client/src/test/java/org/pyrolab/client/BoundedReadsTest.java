package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/**
 * A misbehaving endpoint cannot hang or flood a proxy: a reply stalled mid-way fails within the
 * timeout, one announced beyond the size limit fails at its header, a call timeout bounds the
 * wait for a reply, and after each the next call reconnects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedReadsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private Misbehaving endpoint;
    private Instrument proxy;

    @BeforeEach
    void start() throws IOException {
        endpoint = new Misbehaving();
        proxy = Lab.connect(new PyroUri("bad.endpoint", "127.0.0.1", endpoint.port()), Instrument.class,
                ConnectionOptions.defaults().withTimeout(TIMEOUT).withCallTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        endpoint.close();
    }

    @Test
    void aReplyStalledMidWayFailsWithinTheTimeout() {
        long start = System.nanoTime();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> proxy.call("stall"));
        assertTrue(System.nanoTime() - start < 5 * TIMEOUT.toNanos(), "took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertTrue(e.getMessage().contains("did not arrive whole within 500 ms"), e.getMessage());
        assertEquals("again", proxy.call("echo", "again"));
    }

    @Test
    void aReplyBeyondTheSizeLimitFailsAtItsHeader() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> proxy.call("huge"));
        assertTrue(e.getMessage().contains("larger than this client accepts"), e.getMessage());
        assertEquals("again", proxy.call("echo", "again"));
    }

    @Test
    void theCallTimeoutBoundsTheWaitForAReply() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> proxy.call("silent"));
        assertTrue(e.getMessage().contains("no reply from 127.0.0.1:" + endpoint.port() + " within 2000 ms"), e.getMessage());
        assertEquals("again", proxy.call("echo", "again"));
    }

    /** An endpoint whose methods break the rules: stall, huge, silent; echo behaves. */
    private static final class Misbehaving implements AutoCloseable {

        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final MessageCodec codec = new MessageCodec(16 << 20);
        private final SerpentSerializer serpent = new SerpentSerializer();

        Misbehaving() throws IOException {
            daemon(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        daemon(() -> serve(s));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                for (Message m; (m = codec.read(in)) != null; ) {
                    if (m.type() == Message.CONNECT) {
                        Map<String, Object> meta = Map.of("methods", Set.of("echo", "stall", "huge", "silent"), "oneway", Set.of(), "attrs", Set.of());
                        out.write(codec.encode(Message.replyTo(m, Message.CONNECTOK, 0, serpent.encode(Map.of("handshake", "hello", "meta", meta)))));
                        continue;
                    }
                    Object[] call = (Object[]) serpent.decode(m.payload());
                    Object[] args = (Object[]) call[2];
                    byte[] reply = codec.encode(Message.replyTo(m, Message.RESULT, 0, serpent.encode(args.length > 0 ? args[0] : "x".repeat(1000))));
                    switch ((String) call[1]) {
                        case "stall" -> out.write(Arrays.copyOf(reply, 50)); // header and a few bytes, then nothing
                        case "huge" -> {
                            ByteBuffer.wrap(reply).putInt(12, 1 << 30); // announces 1 GiB
                            out.write(reply, 0, Message.HEADER_SIZE);
                        }
                        case "silent" -> { } // never answers
                        default -> out.write(reply);
                    }
                }
            } catch (IOException e) {
                // the proxy hung up, as it should after a broken reply
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "misbehaving-endpoint");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
