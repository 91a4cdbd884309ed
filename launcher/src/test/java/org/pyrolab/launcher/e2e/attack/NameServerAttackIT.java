package org.pyrolab.launcher.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.attack.AttackLab.MAX_CONNECTIONS;
import static org.pyrolab.launcher.e2e.attack.AttackLab.NAME_SERVER;
import static org.pyrolab.launcher.e2e.attack.AttackLab.NS_DEADLINE;
import static org.pyrolab.launcher.e2e.attack.AttackLab.NS_MAX_CONNECTIONS;
import static org.pyrolab.launcher.e2e.attack.AttackLab.NS_MAX_ENTRIES;
import static org.pyrolab.launcher.e2e.attack.RawPyro.CONNECT;
import static org.pyrolab.launcher.e2e.attack.RawPyro.SERPENT;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.attack.RawPyro.Outcome;
import org.pyrolab.launcher.e2e.attack.RawPyro.Peer;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroURI;

/**
 * Hostile peers of a real installation's name server (issue 10): slow-loris past its connection
 * limit, catastrophic regular expressions, a registration flood past {@code max_entries}, and
 * malformed frames. Started once; after every attack the daemon must be the same process, answer
 * {@code status}, stay within {@link Survival#HEAP_BUDGET}, and serve fresh Pyrolite clients of
 * the echo service and of the name server within {@link Survival#ECHO_WITHIN}. The daemon's logs
 * are kept in {@code target/attack-logs/NameServerAttackIT/}.
 *
 * <p>The name server has no configuration key for its message deadline (20 s), connection limit
 * (256) or entry limit (10,000): these attacks meet the defaults.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS) // each test; the lifecycle methods have their own
class NameServerAttackIT extends AttackSuite {
    /** Where the registered names point: nobody needs to answer there (new names are not probed). */
    private static final String NOWHERE = "PYRO:nowhere@127.0.0.1:1";


    private NameServerProxy nameServer() throws IOException {
        NameServerProxy ns = new NameServerProxy("127.0.0.1", lab.nsPort);
        open.add(ns::close);
        return ns;
    }

    // ---- 8 ---------------------------------------------------------------------------------------

    @Test
    @Order(8)
    void slowLorisPastTheConnectionLimitIsEvictedNotWaitedOut() throws Exception {
        int flood = NS_MAX_CONNECTIONS + 44;
        int pauseMs = 200;
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicLongArray closedAfterMs = new AtomicLongArray(flood); // 0 while open
        AtomicInteger closed = new AtomicInteger();
        // a CONNECT announcing 1 MiB, trickled one byte every 200 ms: never complete
        byte[] message = RawPyro.concat(RawPyro.header(CONNECT, SERPENT, 0, 0, 1 << 20, 0), new byte[1 << 20]);
        List<Future<?>> loris = new ArrayList<>();
        long floodStart = System.nanoTime();
        for (int i = 0; i < flood; i++) { // opened in order, so that the daemon's "waited longest" is the first ones
            Peer p = new Peer(lab.nsPort, pauseMs);
            open.add(p);
            long opened = System.nanoTime();
            int index = i;
            loris.add(attackers.submit(() -> {
                for (int b = 0; b < message.length && attacking.get(); b++) {
                    p.send(new byte[] {message[b]});
                    if (p.cutOffWhileSending || p.closedByDaemon()) {
                        closedAfterMs.set(index, Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)));
                        closed.incrementAndGet();
                        return null;
                    }
                }
                return null;
            }));
        }
        try {
            // while they trickle, good clients of the name server and of the endpoint are served
            for (int i = 0; i < 3; i++) {
                lab.assertNameServerAnswersWithin(Survival.ECHO_WITHIN);
                assertThat(lab.survival.assertEchoWithin(Survival.ECHO_WITHIN)).isTrue();
            }
            Map<String, Object> status = lab.status();
            assertThat(Survival.number(status, "connections")).as("%s", status).isLessThanOrEqualTo(NS_MAX_CONNECTIONS + MAX_CONNECTIONS);
            // the flood past the limit (and each good client) made the daemon close the longest-waiting ones
            // and those were the longest-waiting ones: the first opened
            int past = flood - NS_MAX_CONNECTIONS;
            Lab.await("the first " + past + " trickling connections evicted", () -> {
                for (int i = 0; i < past; i++) {
                    if (closedAfterMs.get(i) == 0) {
                        return false;
                    }
                }
                return true;
            }, () -> closed + " closed");
            Duration took = Duration.ofNanos(System.nanoTime() - floodStart);
            assertThat(took).as("evicted to make room, not left to the %s message deadline", NS_DEADLINE).isLessThan(NS_DEADLINE);
            System.out.println("[ns slow-loris] " + closed + " of " + flood + " closed, the first " + past + " within "
                    + took.toMillis() + " ms of the flood's start; status " + status);
        } finally {
            attacking.set(false);
        }
        for (Future<?> f : loris) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertSurvived();
    }

    // ---- 9 ---------------------------------------------------------------------------------------

    @Test
    @Order(9)
    void catastrophicRegexesAnswerInLinearTime() throws Exception {
        NameServerProxy ns = nameServer();
        int before = ((Number) ns.call("count")).intValue();
        PyroURI nowhere = new PyroURI(NOWHERE);
        int registered = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                // aaa…a! and aaa…a!! with 30 to 529 a's: (a+)+$ backtracks exponentially on these (names may have 1024 characters)
                ns.register("a".repeat(30 + i / 2) + "!".repeat(1 + i % 2), nowhere, false);
                registered++;
            }
            assertThat(((Number) ns.call("count")).intValue()).isEqualTo(before + registered);
            List<String> timings = new ArrayList<>();
            for (String regex : List.of("(a+)+$", "(a|aa)+b", "(a|a)+$", "(a*)*b")) {
                long start = System.nanoTime();
                Map<String, Object[]> found = lab.within(Duration.ofSeconds(2), "list(regex='" + regex + "')",
                        () -> ns.list(null, regex), ns::close);
                timings.add(regex + ": " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
                assertThat(found).as("list(regex='%s')", regex).isEmpty();
            }
            Map<String, Object[]> all = lab.within(Duration.ofSeconds(2), "list(regex='(a+)+!')", () -> ns.list(null, "(a+)+!"), ns::close);
            assertThat(all).as("the names are there to be matched").hasSize(registered);
            System.out.println("[regex] " + timings);
            int removed = lab.within(Duration.ofSeconds(2), "remove(regex='(a|aa)+!')", () -> ns.remove(null, null, "(a|aa)+!"), ns::close);
            assertThat(removed).as("names removed by regex").isEqualTo(registered);
            assertThat(((Number) ns.call("count")).intValue()).isEqualTo(before);
        } finally {
            removeLeftovers("a".repeat(30));
        }
        assertSurvived();
    }

    // ---- 10 --------------------------------------------------------------------------------------

    @Test
    @Order(10)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRegistrationFloodStopsAtMaxEntries() throws Exception {
        NameServerProxy ns = nameServer();
        int before = ((Number) ns.call("count")).intValue(); // Pyro.NameServer itself, and lab.echo
        int sent = 100_000;
        long start = System.nanoTime();
        try {
            flood(ns, sent, start, before);
        } finally {
            removeLeftovers("flood.");
        }
        assertSurvived();
    }

    private void flood(NameServerProxy ns, int sent, long start, int before) throws Exception {
        PyroURI nowhere = new PyroURI(NOWHERE);
        int accepted = 0;
        int refused = 0;
        int failed = 0;
        List<String> other = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            try {
                ns.register("flood." + i, nowhere, false); // Pyrolite: one connection, one call after the other
                accepted++;
            } catch (PyroException e) {
                if ("Pyro5.errors.NamingError".equals(e.pythonExceptionType) && String.valueOf(e.getMessage()).contains("full")) {
                    refused++;
                } else {
                    failed++;
                    if (other.size() < 10) {
                        other.add(i + ": " + e.pythonExceptionType + ": " + e.getMessage());
                    }
                }
            }
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int count = ((Number) ns.call("count")).intValue();
        Map<String, Object> status = lab.status();
        System.out.println("[registrations] sent " + sent + ", accepted " + accepted + ", refused " + refused + ", failed " + failed + " " + other
                + " in " + tookMs + " ms; count() " + count + "; status " + status);
        assertThat(accepted + refused + failed).as("every registration accounted for").isEqualTo(sent);
        assertThat(failed).as("failures other than 'name server is full': %s", other).isZero();
        assertThat(accepted).as("registrations accepted up to max_entries (%d names before)", before)
                .isEqualTo(NS_MAX_ENTRIES - (before - 1));
        assertThat(count).as("count() with the name server's own entry").isEqualTo(NS_MAX_ENTRIES + 1);
        assertThat(Survival.number(status, "heapUsed")).as("%s", status).isLessThan(Survival.HEAP_BUDGET);
        long logged = lab.logLines("the table is full").lines().count();
        System.out.println("[registrations] refusals logged: " + logged);
        assertThat(logged).as("the refusals are logged rate-limited, not one line each").isLessThanOrEqualTo(3L + tookMs / 10_000);
        lab.survival.assertSurvived(); // while it is full
        lab.assertNameServerAnswersWithin(Survival.ECHO_WITHIN);
        assertThat(ns.remove(null, "flood.", null)).isEqualTo(accepted);
        assertThat(((Number) ns.call("count")).intValue()).isEqualTo(before);
        ns.close();
    }

    /** After a failure, takes what a test registered off the name server, so that the next tests start clean. */
    private void removeLeftovers(String prefix) {
        try {
            NameServerProxy ns = new NameServerProxy("127.0.0.1", lab.nsPort);
            try {
                ns.remove(null, prefix, null);
            } finally {
                ns.close();
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("could not remove the names under " + prefix + ": " + e);
        }
    }

    // ---- and frames ------------------------------------------------------------------------------

    @Test
    @Order(11)
    void malformedFramesOnTheNameServerAreAnsweredOrClosed() throws Exception {
        int n = 140; // every frame half-closed: the name server's 20 s deadline is not what this is about
        List<MalformedFrames.Frame> frames = new MalformedFrames(20_240_611L, NAME_SERVER, "ping", 16 << 20, false).frames(n);
        MalformedFrames.Tally tally = MalformedFrames.run(frames, lab.nsPort, 16, READ_TIMEOUT_MS);
        System.out.println("[ns fuzz] " + tally);
        assertThat(tally.connectFailed).as("%s", tally).isZero();
        assertThat(tally.sent).isEqualTo(n);
        assertThat(tally.count(Outcome.REPLIED) + tally.count(Outcome.CLOSED)).as("every frame accounted for: %s", tally).isEqualTo(n);
        assertSurvived();
    }

    // ---- the shared budget ----------------------------------------------------------------------

    @Test
    @Order(12)
    void fourStalledFullSizeMessagesOnTheNameServerDoNotLockEveryoneOut() throws Exception {
        int max = 16 << 20; // the name server's max_message_size: the default, no key changes it
        long budget = lab.statusNumber("inFlightBudget");
        int hogs = (int) (budget / max);
        for (int i = 1; i <= hogs; i++) {
            // a CONNECT announcing the largest message allowed, all of it but its last byte, then silence (for 20 s)
            Peer hog = new Peer(lab.nsPort, READ_TIMEOUT_MS);
            open.add(hog);
            hog.send(RawPyro.header(CONNECT, SERPENT, 0, 0, max, 0)).send(new byte[max - 1]);
            long held = (long) i * max;
            Lab.await("hog " + i + " holds its message", () -> lab.statusNumber("inFlightBytes") >= held);
        }
        Map<String, Object> status = lab.status();
        System.out.println("[budget] " + hogs + " connections hold " + Survival.number(status, "inFlightBytes") + " of "
                + budget + " bytes in flight; status " + status);
        // everyone else must still be served: a stalled message is evicted to make room (once it
        // has stalled for half a second), then the endpoint's echo and the name server answer
        Lab.await("a good client is served while the hogs stall", () -> {
            try {
                return lab.survival.assertEchoWithin(Survival.ECHO_WITHIN);
            } catch (Exception | AssertionError refused) {
                return false;
            }
        });
        lab.assertNameServerAnswersWithin(Survival.ECHO_WITHIN);
        assertSurvived();
    }
}
