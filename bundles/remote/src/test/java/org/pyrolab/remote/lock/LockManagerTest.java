package org.pyrolab.remote.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockManagerTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LockManager locks = new LockManager(Duration.ofSeconds(10), clock);

    @Test
    void holderMayCallOthersAreRefusedNamingTheHolder() {
        locks.lock("laser", "alice", "10.0.0.1", "c1");
        locks.check("laser", "c1");
        LockedException e = assertThrows(LockedException.class, () -> locks.check("laser", "c2"));
        assertEquals("Pyro object is locked (by 'alice')", e.getMessage());
        assertEquals("builtins.ConnectionRefusedError", e.pythonClass());
        assertThrows(LockedException.class, () -> locks.lock("laser", "bob", "h", "c2"));
        assertThrows(LockedException.class, () -> locks.unlock("laser", "c2"));
    }

    @Test
    void aLeaseNeverRunsOutUnderItsHoldersRunningCall() {
        locks.lock("laser", "alice", "h", "c1");
        locks.enter("laser", "c1"); // a long measurement starts
        clock.now = clock.now.plusSeconds(60);
        assertTrue(locks.holder("laser").isPresent(), "still held while the call runs");
        assertThrows(LockedException.class, () -> locks.enter("laser", "c2"));
        locks.exit("laser", "c1"); // the call ends: the lease starts again from here
        clock.now = clock.now.plusSeconds(9);
        assertTrue(locks.holder("laser").isPresent());
        clock.now = clock.now.plusSeconds(2);
        assertFalse(locks.holder("laser").isPresent());
    }

    @Test
    void lockWaitsForAnotherClientsRunningCall() throws Exception {
        locks.enter("laser", "c2"); // bob's call started before alice locks
        java.util.concurrent.CompletableFuture<LockInfo> alice = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> alice.complete(locks.lock("laser", "alice", "h", "c1")));
        t.start();
        while (t.getState() != Thread.State.TIMED_WAITING) { // alice has reached her wait for bob's call
            assertFalse(alice.isDone(), "alice must wait while bob's call runs");
            Thread.onSpinWait();
        }
        assertFalse(alice.isDone());
        locks.exit("laser", "c2");
        assertEquals("alice", alice.get(5, TimeUnit.SECONDS).user());
        assertThrows(LockedException.class, () -> locks.enter("laser", "c2"));
    }

    @Test
    void unlockAndReleaseOnClose() {
        locks.lock("laser", "alice", "h", "c1");
        assertTrue(locks.unlock("laser", "c1"));
        assertFalse(locks.unlock("laser", "c1"));
        locks.lock("laser", "alice", "h", "c1");
        locks.lock("stage", "alice", "h", "c1");
        assertEquals(2, locks.releaseAll("c1"));
        locks.check("laser", "c2");
    }

    @Test
    void leaseRunsOutWithoutCallsAndCallsRenewIt() {
        locks.lock("laser", "alice", "h", "c1");
        clock.now = clock.now.plusSeconds(8);
        locks.check("laser", "c1"); // renews
        clock.now = clock.now.plusSeconds(8);
        assertThrows(LockedException.class, () -> locks.check("laser", "c2"));
        clock.now = clock.now.plusSeconds(11);
        locks.check("laser", "c2");
        assertTrue(locks.holder("laser").isEmpty());
        locks.lock("laser", "bob", "h", "c2");
        assertEquals("bob", locks.holder("laser").orElseThrow().user());
    }

    @Test
    void aKeepAliveFromTheHolderRenewsItsLeasesAndNobodyElses() {
        locks.lock("laser", "alice", "h", "c1");
        locks.lock("stage", "alice", "h", "c1");
        clock.now = clock.now.plusSeconds(8);
        locks.renew("laser", "c1"); // alice pings the laser
        locks.renew("laser", "c2"); // someone else's ping renews nothing
        clock.now = clock.now.plusSeconds(8);
        assertThrows(LockedException.class, () -> locks.check("laser", "c2"));
        locks.check("stage", "c2"); // the stage was not pinged: its lease ran out
        locks.renew(null, "c1"); // a Pyro PING renews every lease of the connection
        clock.now = clock.now.plusSeconds(8);
        assertThrows(LockedException.class, () -> locks.check("laser", "c2"));
    }

    @Test
    void forceUnlockBreaksAnyonesLock() {
        locks.lock("laser", "alice", "h", "c1");
        assertEquals("alice", locks.forceUnlock("laser").orElseThrow().user());
        assertTrue(locks.snapshot().isEmpty());
    }

    @Test
    void anObjectsOwnLeaseWinsOverTheDefault() {
        locks.lease("fast", Duration.ofSeconds(2));
        locks.lock("fast", "alice", "h", "c1");
        locks.lock("slow", "alice", "h", "c1");
        clock.now = clock.now.plusSeconds(3);
        assertTrue(locks.holder("fast").isEmpty());
        assertTrue(locks.holder("slow").isPresent());
        locks.lease("fast", null); // back to the default for later locks
        locks.lock("fast", "alice", "h", "c1");
        clock.now = clock.now.plusSeconds(3);
        assertTrue(locks.holder("fast").isPresent());
    }

    @Test
    void aLockWithoutExpiryStaysUntilUnlocked() {
        locks.lock("x", "admin", "localhost", "cli:admin", LockManager.NO_EXPIRY);
        clock.now = clock.now.plus(Duration.ofDays(400));
        assertThrows(LockedException.class, () -> locks.check("x", "c2"));
        assertTrue(locks.unlock("x", "cli:admin"));
        assertFalse(locks.holder("x").isPresent());
    }
}
