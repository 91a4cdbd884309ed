package org.pyrolab.pyro5.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that partly received messages may hold, shared by every connection of every server
 * that is given the same budget. Bytes are reserved as they arrive, never as a header announces
 * them, and released when the message has been handled.
 */
public final class MemoryBudget {

    /** 64 MiB: four messages of the default size in flight at once, well under the daemon's heap. */
    public static final long DEFAULT_BYTES = 64L << 20;

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

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

    /** A reservation for one message; close it when the message is done with. */
    public Reservation open() {
        return new Reservation(this);
    }

    boolean tryTake(long n) {
        long now;
        do {
            now = used.get();
            if (now + n > capacity) {
                return false;
            }
        } while (!used.compareAndSet(now, now + n));
        return true;
    }

    void give(long n) {
        used.addAndGet(-n);
    }

    /** The bytes one message holds of a budget. Not thread-safe: one connection uses it. */
    public static final class Reservation implements AutoCloseable {
        private final MemoryBudget budget;
        private long held;

        private Reservation(MemoryBudget budget) {
            this.budget = budget;
        }

        /** Takes {@code n} more bytes, or throws when the budget is spent. */
        public void grow(long n) throws BudgetExceededException {
            if (!budget.tryTake(n)) {
                throw new BudgetExceededException("the server is short of memory for messages ("
                        + (budget.capacity >> 20) + " MiB in flight); try again later");
            }
            held += n;
        }

        public long held() {
            return held;
        }

        /** Gives back everything this message held. */
        @Override
        public void close() {
            if (held > 0) {
                budget.give(held);
                held = 0;
            }
        }
    }
}
