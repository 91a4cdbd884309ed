package org.pyrolab.pyro5.wire;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that partly received messages may hold, shared by every connection of every server
 * that is given the same budget. Bytes are reserved as they arrive, never as a header announces
 * them, and released when the message has been handled.
 *
 * <p>When a message needs bytes the budget no longer has, the message whose sender has stalled
 * longest is evicted to make room (its connection is closed), so a few peers that send large
 * messages and then stop cannot lock everyone else out. Only when no message is stalled is the
 * new one refused.
 */
public final class MemoryBudget {

    /** 64 MiB: four messages of the default size in flight at once, well under the daemon's heap. */
    public static final long DEFAULT_BYTES = 64L << 20;
    /** A message whose bytes stopped arriving this long ago may be evicted for a newer one. */
    static final long STALLED_NANOS = 500_000_000L;
    private static final int MAX_EVICTIONS_PER_GROW = 16;

    private final long capacity;
    private final AtomicLong used = new AtomicLong();
    private final Set<Reservation> receiving = ConcurrentHashMap.newKeySet();

    public MemoryBudget(long capacity) {
        if (capacity < 1024) {
            throw new IllegalArgumentException("a memory budget needs at least 1024 bytes: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A budget that never runs out (clients of trusted servers, tests). */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes reserved now. */
    public long used() {
        return used.get();
    }

    /** A reservation for one message that cannot be evicted. */
    public Reservation open() {
        return open(null);
    }

    /**
     * A reservation for one message; close it when the message is done with.
     *
     * @param evict closes the message's connection, should its stalled message be evicted
     */
    public Reservation open(Runnable evict) {
        return new Reservation(this, evict);
    }

    private boolean tryTake(long n) {
        long now;
        do {
            now = used.get();
            if (now + n > capacity) {
                return false;
            }
        } while (!used.compareAndSet(now, now + n));
        return true;
    }

    private void give(long n) {
        used.addAndGet(-n);
    }

    /** Evicts the largest stalled message other than {@code requester}'s; false if there is none. */
    private boolean evictStalled(Reservation requester) {
        long now = System.nanoTime();
        Reservation victim = null;
        for (Reservation r : receiving) {
            if (r != requester && r.evict != null && now - r.lastGrowNanos > STALLED_NANOS
                    && (victim == null || r.held > victim.held)) {
                victim = r;
            }
        }
        return victim != null && victim.revoke();
    }

    /** The bytes one message holds of a budget. Grown by one connection's thread. */
    public static final class Reservation implements AutoCloseable {
        private final MemoryBudget budget;
        private final Runnable evict;
        private volatile long held;
        private volatile long lastGrowNanos = System.nanoTime();
        private boolean revoked;

        private Reservation(MemoryBudget budget, Runnable evict) {
            this.budget = budget;
            this.evict = evict;
            budget.receiving.add(this);
        }

        /** Takes {@code n} more bytes, evicting stalled messages if need be, or throws when the budget is spent. */
        public void grow(long n) throws BudgetExceededException {
            int evictions = 0;
            while (!budget.tryTake(n)) {
                if (evictions++ >= MAX_EVICTIONS_PER_GROW || !budget.evictStalled(this)) {
                    throw new BudgetExceededException("the server is short of memory for messages ("
                            + (budget.capacity >> 20) + " MiB in flight); try again later");
                }
            }
            synchronized (this) {
                if (revoked) {
                    budget.give(n);
                    throw new BudgetExceededException("this stalled message was evicted to make room for others");
                }
                held += n;
            }
            lastGrowNanos = System.nanoTime();
        }

        /** The whole message has arrived: it is no longer a candidate for eviction. */
        public void received() {
            budget.receiving.remove(this);
        }

        public synchronized long held() {
            return held;
        }

        /** Gives this message's bytes back at once and closes its connection. */
        private boolean revoke() {
            synchronized (this) {
                if (revoked || held == 0) {
                    return false;
                }
                revoked = true;
                budget.give(held);
                held = 0;
            }
            budget.receiving.remove(this);
            evict.run();
            return true;
        }

        /** Gives back everything this message held. */
        @Override
        public void close() {
            budget.receiving.remove(this);
            synchronized (this) {
                if (held > 0) {
                    budget.give(held);
                    held = 0;
                }
            }
        }
    }
}
