package org.pyrolab.pyro5.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.client.EndpointProbe;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.serial.RemoteError;
import org.pyrolab.pyro5.server.PyroServerConfig;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroURI;

/** The name server's limits: entries, regex cost, and probes that never hold the table's lock. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NameServerLimitsTest {

    private static NameServerConfig config(int maxEntries) {
        return NameServerConfig.defaults().withServer(PyroServerConfig.defaults().withPort(0))
                .withProbeTimeout(Duration.ofMillis(500)).withMaxEntries(maxEntries);
    }

    private static String uri(String object, int port) {
        return "PYRO:" + object + "@127.0.0.1:" + port;
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(10_000, NameServerConfig.defaults().maxEntries());
        assertThrows(IllegalArgumentException.class, () -> NameServerConfig.defaults().withMaxEntries(0));
        assertEquals(7, NameServerConfig.defaults().withMaxEntries(7).withAutoclean(Duration.ofSeconds(1)).maxEntries());
    }

    @Test
    void aNewNamePastTheBoundIsRefusedExistingOnesReRegister() throws Exception {
        try (NameServerHost host = new NameServerHost(config(3), new MemoryNameStore(), u -> false)) {
            host.start();
            NameServerProxy p = new NameServerProxy("127.0.0.1", host.server().port());
            try {
                for (int i = 0; i < 3; i++) {
                    p.register("n" + i, new PyroURI(uri("n" + i, 1)), false);
                }
                PyroException full = assertThrows(PyroException.class,
                        () -> p.register("n3", new PyroURI(uri("n3", 1)), false));
                assertEquals("Pyro5.errors.NamingError", full.pythonExceptionType);
                assertTrue(full.getMessage().contains("name server is full: 3 names; remove some or raise max_entries"),
                        full.getMessage());
                // existing names: the same URI, new metadata, or another URI all still register
                p.register("n0", new PyroURI(uri("n0", 1)), false, new String[] {"m"});
                p.register("n1", new PyroURI(uri("moved", 2)), false);
                p.set_metadata("n2", Set.of("x"));
                assertEquals("moved", p.lookup("n1").objectid);
                assertEquals(4, p.call("count"), "its own entry counts in count(), not against the bound");
                assertEquals(1, p.remove("n2", null, null));
                p.register("n3", new PyroURI(uri("n3", 1)), false);
                assertEquals("n3", p.lookup("n3").objectid);
            } finally {
                p.close();
            }
        }
    }

    @Test
    void regexIsPythonsReMatchOnRe2j() {
        NameServer ns = new NameServer(new MemoryNameStore(), u -> false);
        for (String n : List.of("asgard.laser1", "asgard.laser2", "laser3", "vanaheim.stage1")) {
            ns.register(n, uri(n, 1), false, null, false);
        }
        assertEquals(Set.of("laser3"), ns.list(null, "laser", null).keySet(), "anchored at the start");
        assertEquals(Set.of("asgard.laser1", "asgard.laser2", "laser3"), ns.list(null, ".*laser", null).keySet());
        assertEquals(Set.of("asgard.laser1"), ns.list(null, "asgard\\.laser1$", null).keySet());
        assertEquals(Set.of("asgard.laser1", "asgard.laser2"), ns.list(null, "(?P<site>asgard)\\.", null).keySet());
        assertEquals(2, ns.remove(null, null, "asgard"));
        assertEquals(Set.of("laser3", "vanaheim.stage1"), ns.list(null, null, null).keySet());
        assertEquals(Set.of("vanaheim.stage1"), ns.list("vana", null, null).keySet());

        for (String bad : List.of("((", "(a)\\1", "(?=a)", "a".repeat(RegexFilter.MAX_LENGTH + 1),
                "((a{100}){100}){100}", "(((a{100}){100}){100}){100}", "(a{999}){999}", "[a-z]{1000}[a-z]{1000}[a-z]{1000}[a-z]{1000}[a-z]{1000}x")) {
            RemoteError e = assertThrows(RemoteError.class, () -> ns.list(null, bad, null), bad);
            assertTrue(e.getMessage().contains("invalid regex: "), e.getMessage());
            assertThrows(RemoteError.class, () -> ns.remove(null, null, bad), bad);
        }
        // deep nesting and big-but-allowed repetitions compile quickly
        assertTrue(ns.list(null, "(".repeat(400) + "x" + ")".repeat(400), null).isEmpty());
        assertTrue(ns.list(null, "[a-z]{900}", null).isEmpty());
    }

    @Test
    void oneEntryIsBoundedToo() {
        NameServer ns = new NameServer(new MemoryNameStore(), u -> false);
        String longName = "n".repeat(NameServer.MAX_TEXT + 1);
        assertThrows(RemoteError.class, () -> ns.register(longName, uri("x", 1), false, null, false));
        List<String> manyTags = new ArrayList<>();
        for (int i = 0; i <= NameServer.MAX_METADATA; i++) {
            manyTags.add("tag" + i);
        }
        assertThrows(RemoteError.class, () -> ns.register("x", uri("x", 1), false, manyTags, false));
        assertThrows(RemoteError.class, () -> ns.register("x", uri("x", 1), false, List.of("m".repeat(NameServer.MAX_TEXT + 1)), false));
        assertEquals(0, ns.count());
    }

    @Test
    void removeIfUriLeavesANameSomeoneElseTook() {
        NameServer ns = new NameServer(new MemoryNameStore(), u -> false);
        ns.register("x", uri("mine", 1), false, null, false);
        ns.register("x", uri("theirs", 2), false, null, true);
        assertFalse(ns.removeIfUri("x", uri("mine", 1)));
        assertTrue(ns.removeIfUri("x", uri("theirs", 2)));
        assertEquals(0, ns.count());
    }

    @Test
    void expandedSizeEstimateIsAnUpperBound() {
        assertTrue(RegexFilter.expandedSize("abc") >= 3);
        assertTrue(RegexFilter.expandedSize("(ab){10}") >= 20);
        assertTrue(RegexFilter.expandedSize("(a{10}){10}") >= 100);
        assertTrue(RegexFilter.expandedSize("(a{10,}){10,20}") >= 200);
        assertTrue(RegexFilter.expandedSize("(?:a{10}|b){10}") >= 100);
        assertTrue(RegexFilter.expandedSize("a{") < 10, "a lone brace is a literal");
        assertTrue(RegexFilter.expandedSize("[{1000}]") < 20, "braces in a class are literals");
        assertTrue(RegexFilter.expandedSize("\\{1000}") < 20, "an escaped brace is a literal");
        assertTrue(RegexFilter.expandedSize("((a{100}){100}){100}") > RegexFilter.MAX_SIZE);
    }

    @Test
    void aCatastrophicRegexAnswersQuicklyOverTheSocket() throws Exception {
        int names = 1000;
        try (NameServerHost host = new NameServerHost(config(names), new MemoryNameStore(), u -> false)) {
            host.start();
            String longName = "a".repeat(1000) + "!";
            for (int i = 0; i < names; i++) {
                host.nameServer().register(longName + i, uri("o" + i, 1), false, null, false);
            }
            NameServerProxy p = new NameServerProxy("127.0.0.1", host.server().port());
            try {
                // java.util.regex (and Python's re) backtrack exponentially on these: 30 characters
                // already take seconds. RE2/J's time is linear in the names.
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    for (String evil : List.of("(a+)+$", "(a|aa)+b", "(a*)*b", "(a|a?)+$")) {
                        long t0 = System.nanoTime();
                        assertTrue(p.list(null, evil).isEmpty(), evil);
                        assertEquals(0, p.remove(null, null, evil));
                        System.out.printf("regex %s over %d names of %d chars: %d ms (list and remove)%n", evil, names,
                                longName.length() + 3, (System.nanoTime() - t0) / 1_000_000);
                    }
                    assertEquals(names, p.list(null, "a+!").size());
                });
                assertEquals(names + 1, p.call("count"));
            } finally {
                p.close();
            }
        }
    }

    @Test
    void aCostlyRegexGivesUpWithinItsBudget() {
        List<NameEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(new NameEntry("a".repeat(300) + i, uri("o", 1), null));
        }
        RegexFilter slow = RegexFilter.compile("(.{0,10}a){100}");
        RemoteError e = assertThrows(RemoteError.class, () -> slow.select(entries, Duration.ofMillis(50)));
        assertTrue(e.getMessage().startsWith("regex too costly: gave up after 50 ms"), e.getMessage());
        assertEquals(2000, RegexFilter.compile("a+[0-9]").select(entries, Duration.ofSeconds(30)).size());
    }

    @Test
    void hundredThousandRegistrationsOverTheSocket() throws Exception {
        int total = 100_000;
        int clients = 2;
        try (NameServerHost host = new NameServerHost(config(total), new MemoryNameStore(), u -> false)) {
            host.start();
            int port = host.server().port();
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> jobs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                jobs.add(CompletableFuture.runAsync(() -> {
                    try (NsRawClient rc = new NsRawClient(port, 1)) {
                        for (int i = first; i < total; i += clients) {
                            Object r = rc.call("register", Map.of(), "group" + (i % 10) + ".obj" + i, uri("obj" + i, 1 + i % 60000));
                            if (r != null) {
                                throw new AssertionError("register " + i + ": " + r);
                            }
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);
            long registered = System.nanoTime();
            try (NsRawClient c = new NsRawClient(port, 1)) {
                assertEquals(total + 1, c.call("count", Map.of()));
                long t1 = System.nanoTime();
                Map<?, ?> group7 = (Map<?, ?>) c.call("list", Map.of("prefix", "group7."));
                long listed = System.nanoTime() - t1;
                assertEquals(total / 10, group7.size());
                assertEquals("PYRO:obj17@127.0.0.1:18", group7.get("group7.obj17"));
                assertTrue(group7.keySet().stream().allMatch(n -> ((String) n).startsWith("group7.")));
                assertEquals(total / 10, ((Map<?, ?>) c.call("list", Map.of("regex", "group3\\."))).size());
                Map<?, ?> full = (Map<?, ?>) c.call("register", Map.of("name", "one.more", "uri", uri("x", 1)));
                assertEquals("Pyro5.errors.NamingError", full.get("__class__"));
                assertEquals(List.of("name server is full: 100000 names; remove some or raise max_entries"),
                        c.seq(full.get("args")));
                System.out.printf("%d registrations over %d sockets: %d ms; list(prefix) of %d: %d ms%n", total, clients,
                        (registered - t0) / 1_000_000, group7.size(), listed / 1_000_000);
                assertTrue(listed < TimeUnit.SECONDS.toNanos(5), "list(prefix) took " + listed / 1_000_000 + " ms");
            }
        }
    }

    /** A probe that blocks on the URIs whose object is {@code slow} until released, then says dead. */
    private static final class BlockingProbe implements EndpointProbe {
        final CountDownLatch probing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Set<String> alive = ConcurrentHashMap.newKeySet();

        @Override
        public boolean alive(PyroUri uri) {
            if (uri.object().equals("slow")) {
                probing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            return alive.contains(uri.toString());
        }
    }

    @Test
    void aSlowProbeDoesNotHoldUpOtherNames() throws Exception {
        BlockingProbe probe = new BlockingProbe();
        try (NameServerHost host = new NameServerHost(config(100), new MemoryNameStore(), probe)) {
            host.start();
            NameServer ns = host.nameServer();
            ns.register("x", uri("slow", 1), false, null, false);
            ns.register("other", uri("other", 2), false, null, false);
            CompletableFuture<Void> takeover = CompletableFuture.runAsync(
                    () -> ns.register("x", uri("new", 3), false, null, false));
            assertTrue(probe.probing.await(10, TimeUnit.SECONDS));
            NameServerProxy p = new NameServerProxy("127.0.0.1", host.server().port());
            try {
                assertEquals("other", p.lookup("other").objectid);
                p.register("more", new PyroURI(uri("more", 4)), false);
                p.call("register", "other", uri("other2", 5), false, null, true);
                assertEquals("other2", p.lookup("other").objectid);
                assertEquals("slow", p.lookup("x").objectid, "the name being probed still answers lookups");
                assertEquals(Set.of("Pyro.NameServer", "more", "other", "x"), p.list(null, null).keySet());
            } finally {
                p.close();
            }
            assertFalse(takeover.isDone());
            probe.release.countDown();
            takeover.get(10, TimeUnit.SECONDS);
            assertEquals("new", ((PyroUri) ns.lookup("x", null)).object());
        }
    }

    @Test
    void anEntryThatChangedDuringTheProbeIsCheckedAgain() throws Exception {
        BlockingProbe probe = new BlockingProbe();
        probe.alive.add(uri("live", 7));
        try (NameServerHost host = new NameServerHost(config(100), new MemoryNameStore(), probe)) {
            host.start();
            NameServer ns = host.nameServer();
            ns.register("x", uri("slow", 1), false, null, false);
            CompletableFuture<Void> takeover = CompletableFuture.runAsync(
                    () -> ns.register("x", uri("new", 3), false, null, false));
            assertTrue(probe.probing.await(10, TimeUnit.SECONDS));
            ns.register("x", uri("live", 7), false, null, true); // forced in while the old one is probed
            probe.release.countDown();
            ExecutionException e = assertThrows(ExecutionException.class, () -> takeover.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("still answers"), e.getCause().getMessage());
            assertEquals("live", ((PyroUri) ns.lookup("x", null)).object());
        }
    }

    @Test
    void autocleanProbesWithoutTheLockAndSparesReRegisteredNames() throws Exception {
        BlockingProbe probe = new BlockingProbe();
        probe.alive.add(uri("keep", 2));
        try (NameServerHost host = new NameServerHost(config(100), new MemoryNameStore(), probe)) {
            host.start();
            NameServer ns = host.nameServer();
            ns.register("a.gone", uri("dead", 9), false, null, false);
            ns.register("b.slow", uri("slow", 1), false, null, false);
            ns.register("c.keep", uri("keep", 2), false, null, false);
            CompletableFuture<Integer> clean = CompletableFuture.supplyAsync(host::autoclean);
            assertTrue(probe.probing.await(10, TimeUnit.SECONDS));
            // the table is open for business while autoclean waits for an endpoint
            ns.register("d.new", uri("new", 3), false, null, false);
            ns.register("b.slow", uri("fresh", 4), false, null, true);
            assertEquals("keep", ((PyroUri) ns.lookup("c.keep", null)).object());
            assertFalse(clean.isDone());
            probe.release.countDown();
            assertEquals(1, clean.get(10, TimeUnit.SECONDS), "only a.gone; b.slow was re-registered meanwhile");
            assertEquals(Set.of("Pyro.NameServer", "b.slow", "c.keep", "d.new"), ns.list(null, null, null).keySet());
            assertEquals("fresh", ((PyroUri) ns.lookup("b.slow", null)).object());
        }
    }
}
