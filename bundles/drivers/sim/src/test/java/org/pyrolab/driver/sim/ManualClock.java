package org.pyrolab.driver.sim;

/** A clock that only moves when told to, and jumps ahead instead of waiting. */
final class ManualClock implements SimClock {

    private long now = 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void waitOn(Object monitor, long nanos) {
        advance(SimClock.toSeconds(Math.max(nanos, 0)));
    }

    synchronized void advance(double seconds) {
        now += SimClock.toNanos(seconds);
    }
}
