package org.pyrolab.pyro5.ns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.server.TestObjects;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NameServerTest {

    private NameServerHost ns;
    private PyroServer endpoint;
    private NameServerProxy proxy;

    @BeforeEach
    void start() throws Exception {
        ns = new NameServerHost(config(), new MemoryNameStore());
        ns.start();
        endpoint = new PyroServer(PyroServerConfig.defaults(), new TestObjects("asgard.laser1"));
        endpoint.start();
        ns.nameServer().register("asgard.laser1", endpoint.uri("asgard.laser1").toString(), false, Set.of("laser", "sim"), false);
        proxy = new NameServerProxy("127.0.0.1", ns.server().port());
    }

    private static NameServerConfig config() {
        return NameServerConfig.defaults().withServer(PyroServerConfig.defaults().withPort(0))
                .withProbeTimeout(Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        endpoint.close();
        ns.close();
    }

    @Test
    void pyroliteLookupAndPyronameStyleResolution() throws Exception {
        proxy.ping();
        PyroURI uri = proxy.lookup("asgard.laser1");
        assertEquals(endpoint.port(), uri.port);
        Object[] withMeta = proxy.lookup("asgard.laser1", true);
        assertEquals(Set.of("laser", "sim"), withMeta[1]);
        PyroProxy laser = new PyroProxy(uri);
        try {
            assertEquals(5, laser.call("add", 2, 3));
        } finally {
            laser.close();
        }
        PyroException e = assertThrows(PyroException.class, () -> proxy.lookup("no.such.name"));
        assertEquals("Pyro5.errors.NamingError", e.pythonExceptionType);
        PyroURI self = proxy.lookup("Pyro.NameServer");
        assertEquals(ns.server().port(), self.port);
    }

    @Test
    void pyroliteRegisterListYplookupSetMetadataRemove() throws Exception {
        proxy.register("pyrolite.obj", new PyroURI("PYRO:pyrolite.obj@127.0.0.1:1"), true, new String[] {"pm1", "pm2"});
        PyroException dup = assertThrows(PyroException.class,
                () -> proxy.register("pyrolite.obj", new PyroURI("PYRO:x@127.0.0.1:1"), true, new String[0]));
        assertTrue(dup.getMessage().contains("name already registered: pyrolite.obj"));
        Map<String, Object[]> listed = proxy.list("pyrolite", null);
        assertEquals(Set.of("pyrolite.obj"), listed.keySet());
        assertEquals("PYRO:pyrolite.obj@127.0.0.1:1", listed.get("pyrolite.obj")[0]);
        assertEquals(Set.of("pm1", "pm2"), listed.get("pyrolite.obj")[1]);
        assertEquals(Set.of("pyrolite.obj"), proxy.yplookup(new String[] {"pm1"}, null).keySet());
        proxy.set_metadata("pyrolite.obj", Set.of("pm3"));
        assertTrue(proxy.yplookup(new String[] {"pm1"}, null).isEmpty());
        assertEquals(3, proxy.call("count"));
        assertEquals(1, proxy.remove("pyrolite.obj", null, null));
        assertEquals(0, proxy.remove("Pyro.NameServer", null, null));
        assertEquals(1, proxy.list(null, "asg.*").size());
    }

    @Test
    void pythonKeywordStyleAndJson() throws Exception {
        for (int ser : new int[] {1, 3}) {
            try (NsRawClient c = new NsRawClient(ns.server().port(), ser)) {
                Map<?, ?> plain = (Map<?, ?>) c.call("list", Map.of());
                assertEquals("PYRO:asgard.laser1@127.0.0.1:" + endpoint.port(), plain.get("asgard.laser1"));
                Map<?, ?> meta = (Map<?, ?>) c.call("list", Map.of("prefix", "Pyro", "return_metadata", true));
                List<?> self = c.seq(meta.get("Pyro.NameServer"));
                assertEquals(List.of(NameServer.SELF_METADATA), c.seq(self.get(1)));
                // json: an entry without metadata lists with an empty list, not a failure
                c.call("register", Map.of("name", "no.meta", "uri", "PYRO:n@127.0.0.1:1"));
                Map<?, ?> all = (Map<?, ?>) c.call("list", Map.of("return_metadata", true));
                assertTrue(c.seq(c.seq(all.get("no.meta")).get(1)).isEmpty());
                // Python's PYRONAME resolution: lookup(name, 0.0) must return the URI object alone
                Object uri = c.call("lookup", Map.of(), "asgard.laser1", 0.0);
                assertEquals(endpoint.uri("asgard.laser1"), uri);
                Map<?, ?> yp = (Map<?, ?>) c.call("yplookup", Map.of("meta_any", List.of("sim", "x")));
                assertEquals(Set.of("asgard.laser1"), yp.keySet());
                Map<?, ?> err = (Map<?, ?>) c.call("list", Map.of("prefix", "a", "regex", "b"));
                assertEquals("builtins.ValueError", err.get("__class__"));
                err = (Map<?, ?>) c.call("list", Map.of("regex", "(("));
                assertEquals("Pyro5.errors.NamingError", err.get("__class__"));
                err = (Map<?, ?>) c.call("register", Map.of("name", "bad", "uri", "PYRO:n@h:1", "metadata", "str"));
                assertEquals("builtins.TypeError", err.get("__class__"));
                assertEquals(1, c.call("remove", Map.of("name", "no.meta")));
            }
        }
    }

    @Test
    void aLiveEndpointKeepsItsNameUnlessForced() throws Exception {
        String other = "PYRO:impostor@127.0.0.1:1";
        PyroException e = assertThrows(PyroException.class,
                () -> proxy.call("register", "asgard.laser1", other, false, null));
        assertTrue(e.getMessage().contains("still answers"), e.getMessage());
        // re-registering the same URI is fine
        proxy.call("register", "asgard.laser1", endpoint.uri("asgard.laser1").toString(), false, List.of("laser"));
        // Pyrolite style: force is the fifth positional argument; Python: force=True
        proxy.call("register", "asgard.laser1", other, false, null, true);
        assertEquals("impostor", proxy.lookup("asgard.laser1").objectid);
        // a dead endpoint's name is taken over without force
        proxy.call("register", "asgard.laser1", endpoint.uri("asgard.laser1").toString(), false, null);
        assertEquals("asgard.laser1", proxy.lookup("asgard.laser1").objectid);
    }

    @Test
    void autocleanDropsEntriesWhoseEndpointStopped() throws Exception {
        ns.nameServer().register("dead.one", "PYRO:dead@127.0.0.1:1", false, null, false);
        assertEquals(1, ns.autoclean());
        assertThrows(RuntimeException.class, () -> ns.nameServer().lookup("dead.one", null));
        assertTrue(ns.nameServer().lookup("asgard.laser1", null) instanceof PyroUri);
    }

    @Test
    void fileStoreSurvivesRestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ns/names.json");
        try (NameServerHost first = new NameServerHost(config(), new FileNameStore(file))) {
            first.start();
            first.nameServer().register("kept", "PYRO:kept@127.0.0.1:1", false, Set.of("m"), false);
        }
        try (NameServerHost second = new NameServerHost(config(), new FileNameStore(file))) {
            second.start();
            Object[] r = (Object[]) second.nameServer().lookup("kept", true);
            assertEquals(PyroUri.parse("PYRO:kept@127.0.0.1:1"), r[0]);
            assertEquals(Set.of("m"), r[1]);
            assertEquals(second.uri(), second.nameServer().lookup(NameServer.OBJECT_ID, false));
        }
    }

    @Test
    void broadcastResponderAnswersGetNsUriOnly() throws Exception {
        assertEquals(-1, ns.broadcastPort(), "never on a loopback bind");
        try (BroadcastResponder r = new BroadcastResponder("127.0.0.1", 0, ns.uri());
             DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            byte[] junk = "HELLO".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), r.port()));
            byte[] req = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), r.port()));
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            s.receive(p);
            assertEquals(ns.uri().toString(), new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void nameServerIsNotLockableAndListsEightMethods() throws Exception {
        try (NsRawClient c = new NsRawClient(ns.server().port(), 1)) {
            Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) c.hello).get("meta");
            assertEquals(Set.of("count", "list", "lookup", "ping", "register", "remove", "set_metadata", "yplookup"), meta.get("methods"));
            assertFalse(((java.util.Collection<?>) meta.get("methods")).contains("lock"));
            assertNull(c.call("ping", Map.of()));
            assertArrayEquals(new Object[0], (Object[]) meta.get("oneway"));
        }
    }
}
