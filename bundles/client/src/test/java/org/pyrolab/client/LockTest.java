package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Two experimenters, each with a Lab of their own, contending for one instrument. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockTest {

    private LabFixture fixture;
    private Lab aliceLab;
    private Lab bobLab;
    private BenchApi alice;
    private BenchApi bob;

    @BeforeEach
    void start() throws Exception {
        fixture = new LabFixture();
        aliceLab = fixture.lab();
        bobLab = fixture.lab();
        alice = aliceLab.proxy(LabFixture.NAME, BenchApi.class);
        bob = bobLab.proxy(LabFixture.NAME, BenchApi.class);
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        aliceLab.close();
        bobLab.close();
        fixture.close();
    }

    @Test
    void othersAreRefusedWithTheHoldersName() {
        alice.lock("alice");
        assertEquals(3, alice.add(1, 2));
        assertEquals("alice", alice.whoami());

        InstrumentLockedException e = assertThrows(InstrumentLockedException.class, () -> bob.add(1, 2));
        assertEquals("alice", e.holder());
        assertEquals("builtins.ConnectionRefusedError", e.type());
        assertEquals("alice", assertThrows(InstrumentLockedException.class, () -> bob.lock("bob")).holder());
        assertEquals("alice", assertThrows(InstrumentLockedException.class, bob::unlock).holder());
        assertThrows(InstrumentLockedException.class, () -> bob.setWavelength(1400.0));

        assertTrue(bob.isLocked());
        LockInfo info = bob.lockInfo().orElseThrow();
        assertEquals("alice", info.user());
        assertFalse(info.since().isEmpty());
        bob.ping(); // monitoring still works while locked

        assertTrue(alice.unlock());
        assertFalse(alice.unlock());
        assertFalse(bob.isLocked());
        assertEquals(Optional.empty(), bob.lockInfo());
        assertEquals(3, bob.add(1, 2));
    }

    @Test
    void closingTheHoldersProxyEndsTheLock() throws Exception {
        alice.lock("alice");
        assertThrows(InstrumentLockedException.class, () -> bob.add(1, 2));
        alice.close();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (bob.isLocked() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, bob.add(1, 2));
        bob.lock("bob");
        assertEquals("bob", bob.lockInfo().orElseThrow().user());
    }

    @Test
    void objectsWithoutLocksSaySo() {
        try (Instrument ns = Lab.connect(PyroUri.parse(fixture.ns.uri().toString()), Instrument.class)) {
            ns.ping();
            assertThrows(UnsupportedOperationException.class, () -> ns.lock("alice"));
        }
    }
}
