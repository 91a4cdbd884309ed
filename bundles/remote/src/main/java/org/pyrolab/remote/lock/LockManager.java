package org.pyrolab.remote.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instrument locks as leases, keyed by object id. A lock belongs to one connection; it ends on
 * {@link #unlock}, when that connection closes ({@link #releaseAll}), after {@code lease} without
 * a call from the holder, or on {@link #forceUnlock}. A lease never runs out while a call of its
 * holder runs. Calls are bracketed by {@link #enter} and {@link #exit}: the lock check and the
 * start of the call are one step, and {@link #lock} waits for other clients' running calls, so
 * whoever holds a lock is alone with the instrument. Thread-safe: every method names the calling
 * connection explicitly, so no thread-local "current caller" is needed.
 */
public final class LockManager {

    /** A lease that never runs out: for holders without a connection, such as the command line. */
    public static final Duration NO_EXPIRY = Duration.ofSeconds(Long.MAX_VALUE);
    /** The lease of a lock whose service sets none. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** How long {@link #lock} waits for other clients' running calls before it gives up. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Duration> leases = new ConcurrentHashMap<>();
    private final Duration lease;
    private final Clock clock;

    private static final class Lease {
        final LockInfo info;
        final Duration length;
        Instant lastSeen;

        Lease(LockInfo info, Duration length, Instant now) {
            this.info = info;
            this.length = length;
            this.lastSeen = now;
        }
    }

    /** One object's lock and the calls running on it, guarded by the state's monitor. */
    private static final class State {
        Lease lease;
        final Map<String, Integer> running = new HashMap<>();

        boolean othersRunning(String connection) {
            return running.keySet().stream().anyMatch(c -> !c.equals(connection));
        }
    }

    public LockManager(Duration lease) {
        this(lease, Clock.systemUTC());
    }

    /** @param clock for tests that move time by hand */
    public LockManager(Duration lease, Clock clock) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lock lease must be positive: " + lease);
        }
        this.lease = lease;
        this.clock = clock;
    }

    private State state(String id) {
        return states.computeIfAbsent(id, k -> new State());
    }

    /**
     * Locks {@code id} for {@code connection}; locking again from the holder renews it.
     *
     * @throws LockedException if another connection holds it
     */
    public LockInfo lock(String id, String user, String host, String connection) {
        return lock(id, user, host, connection, null);
    }

    /**
     * As {@link #lock(String, String, String, String)} with a lease of its own; null for the
     * object's lease ({@link #lease(String, Duration)}) or the default. Waits up to
     * {@link #LOCK_WAIT} for calls of other clients to finish.
     *
     * @throws LockedException if another connection holds it
     * @throws IllegalStateException if other clients' calls are still running after the wait
     */
    public LockInfo lock(String id, String user, String host, String connection, Duration length) {
        Duration chosen = length != null ? length : leases.getOrDefault(id, lease);
        State s = state(id);
        synchronized (s) {
            long end = System.nanoTime() + LOCK_WAIT.toNanos();
            while (true) {
                Lease cur = live(s);
                if (cur != null && !cur.info.connection().equals(connection)) {
                    throw new LockedException(cur.info);
                }
                if (!s.othersRunning(connection)) {
                    Instant now = clock.instant();
                    s.lease = new Lease(new LockInfo(user, host, connection, cur != null ? cur.info.since() : now), chosen, now);
                    return s.lease.info;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(id + " is busy: a call from another client is still running; try to lock it again");
                }
                try {
                    s.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to lock " + id);
                }
            }
        }
    }

    /**
     * Releases the caller's lock on {@code id}.
     *
     * @return false if {@code id} was not locked
     * @throws LockedException if another connection holds it
     */
    public boolean unlock(String id, String connection) {
        State s = states.get(id);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            Lease cur = live(s);
            if (cur == null) {
                return false;
            }
            if (!cur.info.connection().equals(connection)) {
                throw new LockedException(cur.info);
            }
            s.lease = null;
            return true;
        }
    }

    /** Sets the lease of locks taken on {@code id} from now on; null goes back to the default. */
    public void lease(String id, Duration length) {
        if (length == null) {
            leases.remove(id);
        } else if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("lock lease must be positive: " + length);
        } else {
            leases.put(id, length);
        }
    }

    /** Breaks anyone's lock (for administrators); returns the holder it removed. */
    public Optional<LockInfo> forceUnlock(String id) {
        State s = states.get(id);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            Lease cur = live(s);
            s.lease = null;
            return cur == null ? Optional.empty() : Optional.of(cur.info);
        }
    }

    /** The current holder of {@code id}, if any. */
    public Optional<LockInfo> holder(String id) {
        State s = states.get(id);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            Lease cur = live(s);
            return cur == null ? Optional.empty() : Optional.of(cur.info);
        }
    }

    /**
     * Checks that {@code connection} may call {@code id}, renewing the lease when it is the holder.
     *
     * @throws LockedException if another connection holds the lock
     */
    public void check(String id, String connection) {
        enter(id, connection);
        exit(id, connection);
    }

    /**
     * A call from {@code connection} on {@code id} starts, in one step with the lock check; pair
     * it with {@link #exit}. While it runs, the caller's own lease cannot run out.
     *
     * @throws LockedException if another connection holds the lock
     */
    public void enter(String id, String connection) {
        State s = state(id);
        synchronized (s) {
            Lease cur = live(s);
            if (cur != null) {
                if (!cur.info.connection().equals(connection)) {
                    throw new LockedException(cur.info);
                }
                cur.lastSeen = clock.instant();
            }
            s.running.merge(connection, 1, Integer::sum);
        }
    }

    /** The call that {@link #enter} began has ended. */
    public void exit(String id, String connection) {
        State s = state(id);
        synchronized (s) {
            s.running.computeIfPresent(connection, (c, n) -> n > 1 ? n - 1 : null);
            if (s.lease != null && s.lease.info.connection().equals(connection)) {
                s.lease.lastSeen = clock.instant();
            }
            s.notifyAll();
        }
    }

    /**
     * A keep-alive from {@code connection} (its {@code ping()}, {@code islocked()} or a Pyro PING):
     * renews the leases it holds, on {@code id} or, for null, on every object.
     */
    public void renew(String id, String connection) {
        Instant now = clock.instant();
        states.forEach((lockedId, s) -> {
            if (id == null || id.equals(lockedId)) {
                synchronized (s) {
                    Lease cur = live(s);
                    if (cur != null && cur.info.connection().equals(connection)) {
                        cur.lastSeen = now;
                    }
                }
            }
        });
    }

    /** Ends every lock that {@code connection} holds (it closed). Returns how many. */
    public int releaseAll(String connection) {
        int n = 0;
        for (State s : states.values()) {
            synchronized (s) {
                if (s.lease != null && s.lease.info.connection().equals(connection)) {
                    s.lease = null;
                    n++;
                }
            }
        }
        return n;
    }

    /** All current locks by object id (for {@code ps}). */
    public Map<String, LockInfo> snapshot() {
        Map<String, LockInfo> out = new TreeMap<>();
        states.forEach((id, s) -> {
            synchronized (s) {
                Lease cur = live(s);
                if (cur != null) {
                    out.put(id, cur.info);
                }
            }
        });
        return out;
    }

    /** The lease in force, or null; an expired one is dropped. Holds the state's monitor. */
    private Lease live(State s) {
        Lease l = s.lease;
        if (l == null) {
            return null;
        }
        boolean holderBusy = s.running.containsKey(l.info.connection());
        if (!holderBusy && Duration.between(l.lastSeen, clock.instant()).compareTo(l.length) > 0) {
            s.lease = null;
            return null;
        }
        return l;
    }
}
