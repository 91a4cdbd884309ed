package org.pyrolab.launcher.e2e.attack;

import static org.pyrolab.launcher.e2e.attack.RawPyro.CONNECT;
import static org.pyrolab.launcher.e2e.attack.RawPyro.FLAG_COMPRESSED;
import static org.pyrolab.launcher.e2e.attack.RawPyro.FLAG_ONEWAY;
import static org.pyrolab.launcher.e2e.attack.RawPyro.HEADER_SIZE;
import static org.pyrolab.launcher.e2e.attack.RawPyro.INVOKE;
import static org.pyrolab.launcher.e2e.attack.RawPyro.JSON;
import static org.pyrolab.launcher.e2e.attack.RawPyro.SERPENT;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.pyrolab.launcher.e2e.attack.RawPyro.Answer;
import org.pyrolab.launcher.e2e.attack.RawPyro.Outcome;
import org.pyrolab.launcher.e2e.attack.RawPyro.Peer;

/**
 * Malformed Pyro5 frames from a seeded random source, each sent on a connection of its own, and
 * a tally of how the daemon dealt with each: a reply, a hang-up, or (never right) nothing.
 *
 * <p>A frame is only ever the start of a conversation whose first whole message, if any, is a
 * CONNECT or a PING (which always get an answer) or something the daemon must refuse by closing;
 * a ONEWAY flag, the only legal reason for silence on a complete message, is kept out. So for a
 * correct daemon every frame ends in {@link Outcome#REPLIED} or {@link Outcome#CLOSED}: closed at
 * once, at our end of stream (half-close), or at the message deadline.
 */
final class MalformedFrames {

    enum Kind {
        RANDOM_BYTES, TRUNCATED, WRONG_MAGIC, WRONG_TAG_OR_VERSION, BAD_SERIALIZER, LONGER_THAN_SENT, SHORTER_THAN_SENT,
        OVER_THE_LIMIT, BAD_ANNOTATIONS, BAD_TYPE, GARBAGE_CONNECT, GARBAGE_INVOKE, NOT_ZLIB, BIT_FLIPS
    }

    /** One frame, and whether to half-close after it (else the daemon's deadline must end the connection). */
    record Frame(int index, Kind kind, byte[] bytes, boolean halfClose) {
        @Override
        public String toString() {
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
            return "#" + index + " " + kind + " (" + bytes.length + " bytes" + (halfClose ? ", half-closed" : "") + "): " + hex
                    + (bytes.length > 64 ? "…" : "");
        }
    }

    /** What came of every frame. */
    static final class Tally {
        int sent;
        int connectFailed;
        final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        final Map<Kind, Map<Outcome, Integer>> byKind = new EnumMap<>(Kind.class);
        final List<String> failures = new ArrayList<>();
        long slowestMillis;

        synchronized void add(Frame f, Answer a) {
            sent++;
            outcomes.merge(a.outcome, 1, Integer::sum);
            byKind.computeIfAbsent(f.kind(), k -> new EnumMap<>(Outcome.class)).merge(a.outcome, 1, Integer::sum);
            slowestMillis = Math.max(slowestMillis, a.millis);
            if (a.outcome == Outcome.HUNG || a.outcome == Outcome.GARBLED) {
                failures.add(f + " -> " + a);
            }
        }

        synchronized void connectFailed(Frame f, Exception e) {
            connectFailed++;
            failures.add(f + " -> could not connect: " + e);
        }

        synchronized int count(Outcome o) {
            return outcomes.getOrDefault(o, 0);
        }

        @Override
        public synchronized String toString() {
            return "sent " + sent + ", " + outcomes + ", could not connect " + connectFailed + ", slowest " + slowestMillis
                    + " ms; by kind " + byKind + (failures.isEmpty() ? "" : "\nfailures:\n  " + String.join("\n  ", failures));
        }
    }

    private final Random random;
    private final String objectId;
    private final String method;
    private final int maxMessage;
    private final boolean mayStayOpen;

    /**
     * @param objectId    the object the CONNECTs name
     * @param method      a method of it the INVOKEs call with one argument (null: none)
     * @param mayStayOpen whether some frames are left open for the daemon's deadline to end (else all are half-closed)
     */
    MalformedFrames(long seed, String objectId, String method, int maxMessage, boolean mayStayOpen) {
        this.random = new Random(seed);
        this.objectId = objectId;
        this.method = method;
        this.maxMessage = maxMessage;
        this.mayStayOpen = mayStayOpen;
    }

    List<Frame> frames(int n) {
        List<Frame> out = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < n; i++) {
            Kind kind = kinds[i % kinds.length]; // every kind alike; the bytes are random
            out.add(new Frame(i, kind, bytes(kind), !mayStayOpen || random.nextBoolean()));
        }
        return out;
    }

    /** Sends every frame on its own connection, {@code parallel} at a time, and tallies the answers. */
    static Tally run(List<Frame> frames, int port, int parallel, int readTimeoutMillis) throws Exception {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Frame f : frames) {
                done.add(pool.submit(() -> {
                    Peer peer;
                    try {
                        peer = new Peer(port, readTimeoutMillis);
                    } catch (Exception e) {
                        tally.connectFailed(f, e);
                        return null;
                    }
                    try (Peer p = peer) {
                        p.send(f.bytes());
                        if (f.halfClose()) {
                            p.halfClose();
                        }
                        tally.add(f, p.answer());
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return tally;
    }

    private byte[] bytes(Kind kind) {
        int ser = random.nextBoolean() ? SERPENT : JSON;
        byte[] connect = RawPyro.connect(ser, objectId);
        byte[] invoke = RawPyro.invoke(ser, 1, objectId, method, method == null ? "" : ser == JSON ? "\"fuzz\"" : "'fuzz'");
        switch (kind) {
            case RANDOM_BYTES:
                return randomBytes(1 + random.nextInt(200));
            case TRUNCATED: {
                byte[] whole = RawPyro.concat(connect, invoke);
                return java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
            }
            case WRONG_MAGIC: {
                int magic;
                do {
                    magic = random.nextInt(0x10000);
                } while (magic == RawPyro.MAGIC);
                ByteBuffer.wrap(connect).putShort(38, (short) magic);
                return connect;
            }
            case WRONG_TAG_OR_VERSION: {
                int at = random.nextInt(6);
                connect[at] = (byte) (connect[at] ^ (1 + random.nextInt(255)));
                return connect;
            }
            case BAD_SERIALIZER: {
                int[] bad = {0, 2, 4, 5, 42, 99, 255};
                connect[7] = (byte) bad[random.nextInt(bad.length)];
                return connect;
            }
            case LONGER_THAN_SENT:
                ByteBuffer.wrap(connect).putInt(12, connect.length - HEADER_SIZE + 1 + random.nextInt(10_000));
                return connect;
            case SHORTER_THAN_SENT:
                ByteBuffer.wrap(connect).putInt(12, random.nextInt(connect.length - HEADER_SIZE));
                return connect;
            case OVER_THE_LIMIT: {
                long announced = random.nextBoolean() ? 0xffffffffL : maxMessage + 1L + random.nextInt(1 << 20);
                ByteBuffer.wrap(connect).putInt(random.nextBoolean() ? 12 : 16, (int) announced);
                return connect;
            }
            case BAD_ANNOTATIONS: {
                byte[] annotations = randomBytes(1 + random.nextInt(60));
                byte[] payload = java.util.Arrays.copyOfRange(connect, HEADER_SIZE, connect.length);
                return RawPyro.concat(RawPyro.header(CONNECT, ser, 0, 0, payload.length, annotations.length), annotations, payload);
            }
            case BAD_TYPE: {
                int[] bad = {0, 2, 3, 4, 5, 7, 8, 100, 255};
                connect[6] = (byte) bad[random.nextInt(bad.length)];
                return connect;
            }
            case GARBAGE_CONNECT:
                return RawPyro.message(CONNECT, ser, 0, 0, randomBytes(random.nextInt(300)));
            case GARBAGE_INVOKE:
                return RawPyro.concat(connect, RawPyro.message(INVOKE, ser, 0, 1, randomBytes(random.nextInt(300))));
            case NOT_ZLIB:
                return RawPyro.message(CONNECT, ser, FLAG_COMPRESSED, 0, randomBytes(1 + random.nextInt(300)));
            case BIT_FLIPS: {
                byte[] whole = RawPyro.concat(connect, invoke);
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int bit = random.nextInt(whole.length * 8);
                    whole[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                // flags are at offset 8-9: keep ONEWAY (0x0004) out of both headers
                whole[9] &= (byte) ~FLAG_ONEWAY;
                whole[connect.length + 9] &= (byte) ~FLAG_ONEWAY;
                return whole;
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
