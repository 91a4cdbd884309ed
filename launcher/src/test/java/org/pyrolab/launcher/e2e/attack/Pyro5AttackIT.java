package org.pyrolab.launcher.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.attack.AttackLab.DEADLINE;
import static org.pyrolab.launcher.e2e.attack.AttackLab.ECHO;
import static org.pyrolab.launcher.e2e.attack.AttackLab.FIRST_CHUNK;
import static org.pyrolab.launcher.e2e.attack.AttackLab.MAX_CONNECTIONS;
import static org.pyrolab.launcher.e2e.attack.AttackLab.MAX_MESSAGE;
import static org.pyrolab.launcher.e2e.attack.RawPyro.CONNECT;
import static org.pyrolab.launcher.e2e.attack.RawPyro.CONNECTFAIL;
import static org.pyrolab.launcher.e2e.attack.RawPyro.CONNECTOK;
import static org.pyrolab.launcher.e2e.attack.RawPyro.FLAG_COMPRESSED;
import static org.pyrolab.launcher.e2e.attack.RawPyro.INVOKE;
import static org.pyrolab.launcher.e2e.attack.RawPyro.JSON;
import static org.pyrolab.launcher.e2e.attack.RawPyro.RESULT;
import static org.pyrolab.launcher.e2e.attack.RawPyro.SERPENT;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.attack.RawPyro.Answer;
import org.pyrolab.launcher.e2e.attack.RawPyro.Outcome;
import org.pyrolab.launcher.e2e.attack.RawPyro.Peer;
import org.pyrolab.launcher.e2e.attack.RawPyro.Reply;

/**
 * Hostile and broken Pyro5 peers on a real installation's endpoint (issue 10): stalled maximum
 * messages, a compressed bomb, deep nesting, a huge integer, malformed frames, a connection flood
 * and slow-loris. The daemon is started once; after every attack it must be the same process,
 * answer {@code status}, stay within {@link Survival#HEAP_BUDGET}, and serve a fresh Pyrolite
 * client its echo within {@link Survival#ECHO_WITHIN} ({@link AttackLab#assertSurvivedAndIdle}).
 * The daemon's logs are kept in {@code target/attack-logs/Pyro5AttackIT/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS) // each test; the lifecycle methods have their own
class Pyro5AttackIT extends AttackSuite {
    private static final String DEEP = RawPyro.nested(100_000, '[', ']');
    private static final String HUGE_INT = "7".repeat(1_000_000);


    private Peer peer(int readTimeoutMillis) throws IOException {
        Peer p = new Peer(lab.endpointPort, readTimeoutMillis);
        open.add(p);
        return p;
    }

    /** A raw connection that has done its CONNECT in {@code serializer}. */
    private Peer connected(int serializer) throws IOException {
        Peer p = peer(READ_TIMEOUT_MS);
        Reply ok = p.send(RawPyro.connect(serializer, ECHO)).read();
        assertThat(ok.type).as("CONNECT answered: %s", ok).isEqualTo(CONNECTOK);
        return p;
    }

    // ---- 1 ---------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void stalledMaximumMessagesHoldOnlyWhatArrivedAndEndAtTheDeadline() throws Exception {
        long budget = MAX_CONNECTIONS * FIRST_CHUNK;
        Map<String, Object> during = null;
        // should the stall not be complete within half the deadline (a slow machine), it is repeated:
        // the snapshot must show the stall in progress
        for (int round = 1; round <= 4 && during == null; round++) {
            List<Peer> stallers = new ArrayList<>();
            List<Long> sentAt = new ArrayList<>();
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                Peer p = peer(READ_TIMEOUT_MS);
                // announce the largest message allowed (16 MiB), send its first 30 bytes, and stall
                p.send(RawPyro.header(CONNECT, SERPENT, 0, 0, MAX_MESSAGE, 0));
                sentAt.add(System.nanoTime());
                p.send(RawPyro.serpent("{'handshake':'"));
                stallers.add(p);
            }
            // the snapshot once every staller's first chunk is held (or half the deadline has passed)
            Map<String, Object> snapshot = lab.status();
            long until = System.nanoTime() + DEADLINE.toNanos() / 2;
            while (Survival.number(snapshot, "inFlightBytes") < (MAX_CONNECTIONS - 1) * FIRST_CHUNK && System.nanoTime() < until) {
                Thread.sleep(20);
                snapshot = lab.status();
            }
            assertThat(lab.survival.assertEchoWithin(Survival.ECHO_WITHIN)).isTrue(); // evicts the oldest staller
            long inFlight = Survival.number(snapshot, "inFlightBytes");
            assertThat(inFlight).as("in-flight bytes while 64 connections stall on 16 MiB announced each; status: %s", snapshot)
                    .isLessThanOrEqualTo(budget);
            assertThat(Survival.number(snapshot, "heapUsed")).as("heap while they stall").isLessThan(Survival.HEAP_BUDGET);
            assertThat(Survival.number(snapshot, "connections")).isLessThanOrEqualTo(MAX_CONNECTIONS);
            if (inFlight > 0 && Survival.number(snapshot, "connections") >= MAX_CONNECTIONS - 2) {
                during = snapshot;
            }
            // then the deadline ends every one of them, without a reply
            for (int i = 0; i < stallers.size(); i++) {
                Answer a = stallers.get(i).answer();
                long lived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt.get(i));
                assertThat(a.outcome).as("staller %d: %s", i, a).isEqualTo(Outcome.CLOSED);
                assertThat(Duration.ofMillis(lived)).as("staller %d closed by the %s deadline", i, DEADLINE)
                        .isLessThan(DEADLINE.multipliedBy(2));
            }
            for (Peer p : stallers) {
                p.close();
            }
        }
        assertThat(during).as("a status --json snapshot taken while the 64 connections stalled (each try came too late)").isNotNull();
        System.out.println("[stall] status during the stall: " + during);
        lab.survival.awaitIdle(); // the connections drop, their memory is given back
        assertSurvived();
    }

    // ---- 2 ---------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void compressedBombIsCutOffAtTheMessageLimit() throws Exception {
        byte[] bomb = RawPyro.zlibOfZeros(512L << 20); // 512 MiB of zeros in about half a MiB
        assertThat(bomb.length).isLessThan(MAX_MESSAGE);
        List<String> seen = new ArrayList<>();
        for (int ser : new int[] {SERPENT, JSON}) {
            // in an INVOKE after a valid CONNECT
            Peer p = connected(ser);
            Answer a = p.send(RawPyro.message(INVOKE, ser, FLAG_COMPRESSED, 1, bomb)).answer();
            seen.add("INVOKE/" + ser + ": " + a);
            assertThat(a.outcome).as("%s", a).isIn(Outcome.CLOSED, Outcome.REPLIED);
            if (a.outcome == Outcome.REPLIED) {
                assertThat(a.reply.type).isEqualTo(RESULT);
                assertThat(a.reply.exception()).as("an error, not a result: %s", a).isTrue();
            }
            assertThat(a.millis).as("answered, not stuck inflating").isLessThan(10_000);
            // and as the very first message
            Peer q = peer(READ_TIMEOUT_MS);
            Answer b = q.send(RawPyro.message(CONNECT, ser, FLAG_COMPRESSED, 0, bomb)).answer();
            seen.add("CONNECT/" + ser + ": " + b);
            assertThat(b.outcome).as("%s", b).isIn(Outcome.CLOSED, Outcome.REPLIED);
            if (b.outcome == Outcome.REPLIED) {
                assertThat(b.reply.type).isEqualTo(CONNECTFAIL);
            }
            assertThat(b.millis).isLessThan(10_000);
        }
        System.out.println("[bomb] " + seen);
        assertSurvived();
    }

    // ---- 3 ---------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void deepNestingIsRefusedNotRecursedInto() throws Exception {
        List<String> seen = new ArrayList<>();
        // as the CONNECT payload: a CONNECTFAIL or a hang-up
        for (int ser : new int[] {SERPENT, JSON}) {
            for (String deep : deepValues(ser)) {
                Peer p = peer(READ_TIMEOUT_MS);
                Answer a = p.send(RawPyro.message(CONNECT, ser, 0, 0, RawPyro.connectPayload(ser, ECHO, deep))).answer();
                seen.add("CONNECT/" + ser + ": " + a);
                assertConnectRefused(a);
            }
        }
        // as an INVOKE argument after a good CONNECT: an error RESULT (the connection goes on) or a hang-up
        for (int ser : new int[] {SERPENT, JSON}) {
            for (String deep : deepValues(ser)) {
                Peer p = connected(ser);
                Answer a = p.send(RawPyro.invoke(ser, 1, ECHO, "echo", deep)).answer();
                seen.add("INVOKE/" + ser + ": " + a);
                assertCallRefused(a, p, ser);
            }
        }
        System.out.println("[nesting] " + seen);
        assertSurvived();
    }

    /** 100,000 levels of lists, of dicts, and (serpent) of tuples. */
    private static List<String> deepValues(int serializer) {
        int n = 100_000;
        return serializer == JSON ? List.of(DEEP, "{\"a\":".repeat(n) + "0" + "}".repeat(n))
                : List.of(DEEP, "{'a':".repeat(n) + "0" + "}".repeat(n), "(".repeat(n) + "0," + ")".repeat(n));
    }

    // ---- 4 ---------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void aMillionDigitIntegerIsRefusedQuickly() throws Exception {
        List<String> seen = new ArrayList<>();
        for (int ser : new int[] {SERPENT, JSON}) {
            Peer p = peer(READ_TIMEOUT_MS);
            Answer a = p.send(RawPyro.message(CONNECT, ser, 0, 0, RawPyro.connectPayload(ser, ECHO, HUGE_INT))).answer();
            seen.add("CONNECT/" + ser + ": " + a);
            assertConnectRefused(a);
            assertThat(a.millis).as("a million digits refused, not converted").isLessThan(5_000);

            Peer q = connected(ser);
            Answer b = q.send(RawPyro.invoke(ser, 1, ECHO, "echo", HUGE_INT)).answer();
            seen.add("INVOKE/" + ser + ": " + b);
            assertCallRefused(b, q, ser);
            assertThat(b.millis).isLessThan(5_000);
        }
        System.out.println("[bigint] " + seen);
        assertSurvived();
    }

    private static void assertConnectRefused(Answer a) {
        assertThat(a.outcome).as("%s", a).isIn(Outcome.CLOSED, Outcome.REPLIED);
        if (a.outcome == Outcome.REPLIED) {
            assertThat(a.reply.type).as("%s", a).isEqualTo(CONNECTFAIL);
        }
    }

    /** An error RESULT, after which the same connection still echoes; or a hang-up. */
    private static void assertCallRefused(Answer a, Peer p, int ser) throws IOException {
        assertThat(a.outcome).as("%s", a).isIn(Outcome.CLOSED, Outcome.REPLIED);
        if (a.outcome == Outcome.REPLIED) {
            assertThat(a.reply.type).as("%s", a).isEqualTo(RESULT);
            assertThat(a.reply.exception()).as("an error: %s", a).isTrue();
            assertThat(a.reply.seq).isEqualTo(1);
            Reply after = p.send(RawPyro.invoke(ser, 2, ECHO, "echo", ser == JSON ? "\"after\"" : "'after'")).read();
            assertThat(after.exception()).as("the connection goes on: %s", after).isFalse();
            assertThat(after.seq).isEqualTo(2);
            assertThat(after.text()).contains("after");
        }
    }

    // ---- 5 ---------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void malformedFramesAreAnsweredOrClosedNeverSwallowed() throws Exception {
        int n = 300;
        List<MalformedFrames.Frame> frames = new MalformedFrames(20_240_610L, ECHO, "echo", MAX_MESSAGE, true).frames(n);
        Future<MalformedFrames.Tally> fuzz = attackers.submit(() -> MalformedFrames.run(frames, lab.endpointPort, 32, READ_TIMEOUT_MS));
        assertThat(lab.survival.assertEchoWithin(Survival.ECHO_WITHIN)).as("served while the fuzz runs").isTrue();
        MalformedFrames.Tally tally = fuzz.get();
        System.out.println("[fuzz] " + tally);
        assertThat(tally.connectFailed).as("%s", tally).isZero();
        assertThat(tally.sent).as("%s", tally).isEqualTo(n);
        assertThat(tally.count(Outcome.HUNG)).as("connections that hung: %s", tally).isZero();
        assertThat(tally.count(Outcome.GARBLED)).as("half answers: %s", tally).isZero();
        assertThat(tally.count(Outcome.REPLIED) + tally.count(Outcome.CLOSED)).as("every frame accounted for: %s", tally).isEqualTo(tally.sent);
        assertThat(tally.slowestMillis).as("none waited past the message deadline").isLessThan(DEADLINE.multipliedBy(2).toMillis());
        assertSurvived();
    }

    // ---- 6 ---------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void connectionFloodPastTheLimitLeavesRoomForARealClient() throws Exception {
        int flood = 300;
        List<Peer> sockets = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            sockets.add(peer(READ_TIMEOUT_MS)); // connected, and silent
        }
        assertThat(lab.survival.assertEchoWithin(Survival.ECHO_WITHIN)).as("a real client right after the flood").isTrue();
        Map<String, Object> status = lab.status();
        assertThat(Survival.number(status, "connections")).as("%s", status).isLessThanOrEqualTo(MAX_CONNECTIONS);
        // the daemon made room by closing the connections that had waited longest: the first ones
        int evicted = flood - MAX_CONNECTIONS;
        for (int i = 0; i < evicted; i++) {
            assertThat(sockets.get(i).closedByDaemon()).as("flood socket %d (of the first %d) closed by the daemon", i, evicted).isTrue();
        }
        assertSurvived();
    }

    // ---- 7 ---------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void slowLorisIsCutAtTheMessageDeadline() throws Exception {
        int workers = 32;
        int pauseMs = 200;
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicLong dropped = new AtomicLong();
        AtomicLong longestMs = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        // a CONNECT announcing 1 KiB, one byte every 200 ms: its 40-byte header alone takes 8 s
        byte[] message = RawPyro.concat(RawPyro.header(CONNECT, SERPENT, 0, 0, 1024, 0), new byte[1024]);
        List<Future<?>> loris = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            loris.add(attackers.submit(() -> {
                while (attacking.get()) {
                    long start = System.nanoTime();
                    boolean closed = false;
                    try (Peer p = peer(pauseMs)) {
                        for (int b = 0; b < message.length && attacking.get() && !closed; b++) {
                            p.send(new byte[] {message[b]});
                            closed = p.cutOffWhileSending || p.closedByDaemon();
                        }
                        if (!closed && attacking.get()) {
                            completed.incrementAndGet(); // the whole message went through: the deadline failed
                        }
                    }
                    if (closed && attacking.get()) {
                        longestMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                        dropped.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            long end = System.nanoTime() + Lab.PATIENCE.toNanos();
            int checks = 0;
            // while they trickle: the good client is served, the CLI answers
            while (dropped.get() < 2L * workers || checks < 3) {
                assertThat(System.nanoTime()).as("slow-loris connections dropped: %d", dropped.get()).isLessThan(end);
                assertThat(lab.survival.assertEchoWithin(Survival.ECHO_WITHIN)).isTrue();
                lab.survival.assertStatusAnswers();
                checks++;
            }
        } finally {
            attacking.set(false);
        }
        for (Future<?> f : loris) {
            f.get(30, TimeUnit.SECONDS);
        }
        System.out.println("[slow-loris] dropped " + dropped + ", longest " + longestMs + " ms, completed " + completed);
        assertThat(completed.get()).as("trickled messages that were let through").isZero();
        assertThat(Duration.ofMillis(longestMs.get())).as("the longest-lived trickling connection: the message deadline is a total")
                .isLessThan(DEADLINE.multipliedBy(2));
        assertSurvived();
    }
}
