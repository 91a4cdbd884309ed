package org.pyrolab.remote.expose;

import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.remote.lock.LockManager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;
import org.junit.jupiter.api.Timeout;

/** Pyrolite 5.1, a real Pyro5 client, against PyroServer over loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PyroliteEndToEndTest {

    private PyroServer server;
    private TestInstrument instrument;
    private PyroProxy proxy;

    @BeforeEach
    void start() throws Exception {
        instrument = new TestInstrument();
        Targets targets = new Targets();
        targets.add("test.instrument", instrument);
        server = new PyroServer(PyroServerConfig.defaults(), new ExposedObjects(targets, new LockManager(LockManager.DEFAULT_LEASE)));
        server.start();
        proxy = new PyroProxy(new PyroURI(server.uri("test.instrument").toString()));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }

    @Test
    void handshakeListsExposedMethodsAttributesAndLockMethods() throws Exception {
        proxy.call("ping"); // Pyrolite connects on the first call
        assertTrue(proxy.pyroMethods.containsAll(Set.of("echo", "add", "fail", "fire", "ping", "lock", "unlock", "islocked", "lockinfo")),
                proxy.pyroMethods.toString());
        assertFalse(proxy.pyroMethods.contains("hidden"));
        assertFalse(proxy.pyroMethods.contains("getValue"));
        assertEquals(Set.of("value"), proxy.pyroAttrs);
    }

    @Test
    void callsWithValuesOfEveryKind() throws Exception {
        assertEquals(7, proxy.call("add", 3, 4));
        assertEquals("héllo ✓ \uD83D\uDE00", proxy.call("echo", "héllo ✓ \uD83D\uDE00"));
        assertEquals(new BigInteger("1267650600228229401496703205376"), proxy.call("echo", new BigInteger("1267650600228229401496703205376")));
        assertEquals(2.5, proxy.call("echo", 2.5));
        assertEquals(Double.POSITIVE_INFINITY, proxy.call("echo", Double.POSITIVE_INFINITY));
        assertEquals(List.of(1, "two"), proxy.call("echo", List.of(1, "two")));
        assertArrayEquals(new Object[] {1, "two"}, (Object[]) proxy.call("echo", (Object) new Object[] {1, "two"}));
        Map<String, Object> map = new HashMap<>();
        map.put("k", null);
        assertEquals(map, proxy.call("echo", map));
        assertNull(proxy.call("echo", (Object) null));
        assertEquals("it's \"quoted\"\n\t\\\0", proxy.call("echo", "it's \"quoted\"\n\t\\\0"));
    }

    @Test
    void bytesTravelAsBase64Dicts() throws Exception {
        Object r = proxy.call("reverse", (Object) new byte[] {1, 2, 3});
        // Pyrolite (like Python) leaves the {'data','encoding'} dict as it is
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r;
        assertEquals("base64", m.get("encoding"));
        assertArrayEquals(new byte[] {3, 2, 1}, java.util.Base64.getDecoder().decode((String) m.get("data")));
    }

    @Test
    void recordsAndJavaTypesBecomePythonValues() throws Exception {
        assertEquals(Map.of("unit", "mW", "value", 1.5, "raw", List.of(1, 2, 3)), proxy.call("reading"));
        assertEquals(4.5, proxy.call("total", Map.of("unit", "mW", "value", 1.5, "raw", List.of(1, 2, 3))));
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) proxy.call("types");
        assertEquals("x", t.get("char"));
        assertEquals(0.1, t.get("float"));
        assertEquals(Set.of("a"), t.get("set"));
        assertEquals("\uD83D\uDE00", t.get("emoji"));
    }

    @Test
    void attributes() throws Exception {
        assertEquals(42.0, proxy.getattr("value"));
        proxy.setattr("value", 123);
        assertEquals(123.0, proxy.getattr("value"));
    }

    @Test
    void onewayGetsNoReplyAndRuns() throws Exception {
        proxy.call_oneway("fire", "boom");
        assertTrue(instrument.fired.await(5, TimeUnit.SECONDS));
        assertEquals("boom", proxy.call("lastOneway"));
        assertEquals(1, proxy.call("add", 0, 1)); // the stream is still in step
    }

    @Test
    void remoteExceptionsCarryPythonNamesAndNoJavaInternals() throws Exception {
        PyroException e = assertThrows(PyroException.class, () -> proxy.call("fail"));
        assertEquals("builtins.ValueError", e.pythonExceptionType);
        assertTrue(e.getMessage().endsWith("bad value"), e.getMessage()); // Pyrolite prefixes "[class] "
        // the Java stack only with remote_tracebacks: true (PyroServerConfig.tracebacks)
        assertTrue(e._pyroTraceback == null || !e._pyroTraceback.contains("TestInstrument"), e._pyroTraceback);

        e = assertThrows(PyroException.class, () -> proxy.call("crash"));
        assertEquals("builtins.RuntimeError", e.pythonExceptionType);
        assertFalse(e.getMessage().contains("java."), e.getMessage());

        e = assertThrows(PyroException.class, () -> proxy.call("add", "x", 1));
        assertEquals("builtins.TypeError", e.pythonExceptionType);
        assertEquals(5, proxy.call("add", 2, 3));
    }

    @Test
    void unknownMethodAndUnknownObject() throws Exception {
        // Pyrolite refuses names missing from the metadata locally, so a raw client asks
        assertThrows(PyroException.class, () -> proxy.call("hidden"));
        try (RawClient raw = new RawClient(server.port(), 1)) {
            raw.connect("test.instrument");
            @SuppressWarnings("unchecked")
            Map<String, Object> hidden = (Map<String, Object>) raw.call("test.instrument", "hidden");
            assertEquals("builtins.AttributeError", hidden.get("__class__"));
            @SuppressWarnings("unchecked")
            Map<String, Object> priv = (Map<String, Object>) raw.call("test.instrument", "_secret");
            assertEquals("builtins.AttributeError", priv.get("__class__"));
            @SuppressWarnings("unchecked")
            Map<String, Object> err = (Map<String, Object>) raw.call("no.such.object", "echo", 1);
            assertEquals("Pyro5.errors.DaemonError", err.get("__class__"));
            assertArrayEquals(new Object[] {"unknown object"}, (Object[]) err.get("args"));
        }
        PyroException connectFail = assertThrows(PyroException.class,
                () -> new PyroProxy(new PyroURI("PYRO:nothing.here@127.0.0.1:" + server.port())).call("ping"));
        assertTrue(connectFail.getMessage().contains("unknown object"), connectFail.getMessage());
    }

    @Test
    void pingAndTheDaemonObject() throws Exception {
        assertNull(proxy.call("ping"));
        PyroProxy daemon = new PyroProxy(new PyroURI(server.uri("Pyro.Daemon").toString()));
        try {
            assertEquals(List.of("Pyro.Daemon", "test.instrument"), daemon.call("registered"));
            assertTrue(((String) daemon.call("info")).contains(String.valueOf(server.port())));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) daemon.call("get_metadata", "test.instrument");
            assertEquals(Set.of("value"), meta.get("attrs"));
            PyroException e = assertThrows(PyroException.class, () -> daemon.call("get_metadata", "nope"));
            assertEquals("Pyro5.errors.DaemonError", e.pythonExceptionType);
        } finally {
            daemon.close();
        }
    }

}
