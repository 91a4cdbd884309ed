package org.pyrolab.remote.expose;

import org.pyrolab.remote.lock.LockManager;

import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.server.PyroServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Two Pyrolite clients contending for one instrument. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockEndToEndTest {

    private final LockManager locks = new LockManager(Duration.ofMillis(400));
    private PyroServer server;
    private PyroProxy alice;
    private PyroProxy bob;

    @BeforeEach
    void start() throws Exception {
        Targets targets = new Targets();
        targets.add("lab.laser", new TestInstrument());
        server = new PyroServer(PyroServerConfig.defaults(), new ExposedObjects(targets, locks));
        server.start();
        alice = new PyroProxy(new PyroURI(server.uri("lab.laser").toString()));
        bob = new PyroProxy(new PyroURI(server.uri("lab.laser").toString()));
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        server.close();
    }

    @Test
    void otherClientsAreRefusedWhileLocked() throws Exception {
        assertEquals(true, alice.call("lock", "alice"));
        assertEquals(3, alice.call("add", 1, 2));
        PyroException e = assertThrows(PyroException.class, () -> bob.call("add", 1, 2));
        assertEquals("builtins.ConnectionRefusedError", e.pythonExceptionType);
        assertTrue(e.getMessage().contains("Pyro object is locked (by 'alice')"), e.getMessage());
        assertEquals(true, bob.call("islocked"));
        assertEquals("alice", ((Map<?, ?>) bob.call("lockinfo")).get("user"));
        assertEquals(null, bob.call("ping")); // monitors may still ping
        assertThrows(PyroException.class, () -> bob.call("lock", "bob"));
        assertEquals(true, alice.call("unlock"));
        assertEquals(3, bob.call("add", 1, 2));
    }

    @Test
    void lockEndsWhenTheHolderDisconnects() throws Exception {
        alice.call("lock", "alice");
        assertThrows(PyroException.class, () -> bob.call("add", 1, 2));
        alice.close();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (Boolean.TRUE.equals(bob.call("islocked")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, bob.call("add", 1, 2));
    }

    @Test
    void leaseExpiresWithoutCallsFromTheHolder() throws Exception {
        alice.call("lock", "alice");
        assertThrows(PyroException.class, () -> bob.call("add", 1, 2));
        Thread.sleep(700); // lease is 400 ms; alice stays connected but silent
        assertEquals(3, bob.call("add", 1, 2));
        assertEquals(false, alice.call("islocked"));
    }

    @Test
    void adminForceUnlock() throws Exception {
        alice.call("lock", "alice");
        assertEquals("alice", locks.forceUnlock("lab.laser").orElseThrow().user());
        assertEquals(3, bob.call("add", 1, 2));
    }
}
