package org.pyrolab.driver.sim;

import java.util.concurrent.TimeUnit;

/**
 * The time a simulated instrument lives in. Drivers use the system clock; unit tests pass a clock
 * that jumps ahead instead of sleeping, so a ten-second move is checked in microseconds.
 */
interface SimClock {

    /** The real clock. */
    SimClock SYSTEM = new SimClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void waitOn(Object monitor, long nanos) throws InterruptedException {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
            }
        }
    };

    /** Now, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until notified or for at most
     * {@code nanos}. Callers loop on their condition, as with {@link Object#wait}.
     */
    void waitOn(Object monitor, long nanos) throws InterruptedException;

    static long toNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    static double toSeconds(long nanos) {
        return nanos / 1e9;
    }
}
