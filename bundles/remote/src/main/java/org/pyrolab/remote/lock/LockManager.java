package org.pyrolab.remote.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instrument locks as leases, keyed by object id. A lock belongs to one connection; it ends on
 * {@link #unlock}, when that connection closes ({@link #releaseAll}), after {@code lease} without
 * a call from the holder, or on {@link #forceUnlock}. Thread-safe: every method names the calling
 * connection explicitly, so no thread-local "current caller" is needed.
 */
public final class LockManager {

    /** A lease that never runs out: for holders without a connection, such as the command line. */
    public static final Duration NO_EXPIRY = Duration.ofSeconds(Long.MAX_VALUE);

    private final Map<String, Lease> locks = new ConcurrentHashMap<>();
    private final Map<String, Duration> leases = new ConcurrentHashMap<>();
    private final Duration lease;
    private final Clock clock;

    private static final class Lease {
        final LockInfo info;
        final Duration length;
        volatile Instant lastSeen;

        Lease(LockInfo info, Duration length) {
            this.info = info;
            this.length = length;
            this.lastSeen = info.since();
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
     * object's lease ({@link #lease(String, Duration)}) or the default.
     */
    public LockInfo lock(String id, String user, String host, String connection, Duration length) {
        Duration chosen = length != null ? length : leases.getOrDefault(id, lease);
        Lease result = locks.compute(id, (k, cur) -> {
            if (cur != null && !expired(cur) && !cur.info.connection().equals(connection)) {
                throw new LockedException(cur.info);
            }
            Instant now = clock.instant();
            return new Lease(new LockInfo(user, host, connection, cur != null && !expired(cur) ? cur.info.since() : now), chosen);
        });
        return result.info;
    }

    /**
     * Releases the caller's lock on {@code id}.
     *
     * @return false if {@code id} was not locked
     * @throws LockedException if another connection holds it
     */
    public boolean unlock(String id, String connection) {
        boolean[] released = {false};
        locks.computeIfPresent(id, (k, cur) -> {
            if (expired(cur)) {
                return null;
            }
            if (!cur.info.connection().equals(connection)) {
                throw new LockedException(cur.info);
            }
            released[0] = true;
            return null;
        });
        return released[0];
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
        Lease l = locks.remove(id);
        return l == null || expired(l) ? Optional.empty() : Optional.of(l.info);
    }

    /** The current holder of {@code id}, if any. */
    public Optional<LockInfo> holder(String id) {
        Lease l = locks.get(id);
        if (l == null) {
            return Optional.empty();
        }
        if (expired(l)) {
            locks.remove(id, l);
            return Optional.empty();
        }
        return Optional.of(l.info);
    }

    /**
     * Checks that {@code connection} may call {@code id}, renewing the lease when it is the holder.
     *
     * @throws LockedException if another connection holds the lock
     */
    public void check(String id, String connection) {
        Lease l = locks.get(id);
        if (l == null) {
            return;
        }
        if (expired(l)) {
            locks.remove(id, l);
            return;
        }
        if (!l.info.connection().equals(connection)) {
            throw new LockedException(l.info);
        }
        l.lastSeen = clock.instant();
    }

    /**
     * A keep-alive from {@code connection} (its {@code ping()}, {@code islocked()} or a Pyro PING):
     * renews the leases it holds, on {@code id} or, for null, on every object.
     */
    public void renew(String id, String connection) {
        java.time.Instant now = clock.instant();
        locks.forEach((lockedId, l) -> {
            if ((id == null || id.equals(lockedId)) && l.info.connection().equals(connection) && !expired(l)) {
                l.lastSeen = now;
            }
        });
    }

    /** Ends every lock that {@code connection} holds (it closed). Returns how many. */
    public int releaseAll(String connection) {
        int[] n = {0};
        locks.entrySet().removeIf(e -> {
            boolean mine = e.getValue().info.connection().equals(connection);
            if (mine) {
                n[0]++;
            }
            return mine;
        });
        return n[0];
    }

    /** All current locks by object id (for {@code ps}). */
    public Map<String, LockInfo> snapshot() {
        Map<String, LockInfo> out = new java.util.TreeMap<>();
        locks.forEach((id, l) -> {
            if (!expired(l)) {
                out.put(id, l.info);
            }
        });
        return out;
    }

    private boolean expired(Lease l) {
        return Duration.between(l.lastSeen, clock.instant()).compareTo(l.length) > 0;
    }
}
