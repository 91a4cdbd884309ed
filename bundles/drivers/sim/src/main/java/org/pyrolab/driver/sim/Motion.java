package org.pyrolab.driver.sim;

import java.util.concurrent.TimeoutException;

/**
 * A value that follows one {@link Trajectory} at a time, computed from the clock when read. It is
 * guarded by its owner's lock: callers hold {@code monitor}, which {@link #await} waits on so that
 * other calls (a stop) get through while someone waits.
 */
final class Motion {

    private final SimClock clock;
    private final Object monitor;
    private final String what;
    private final String unit;
    private final String howToEnd;
    private double restingValue;
    private Trajectory running;
    private Trajectory lastCompleted;
    private long startNanos;

    /**
     * @param what names the motion in messages, such as "the stage move"
     * @param unit the value's unit in messages
     * @param howToEnd tells users how to end a running motion, such as "call stop() or wait_for_move() first"
     */
    Motion(SimClock clock, Object monitor, double initialValue, String what, String unit, String howToEnd) {
        this.clock = clock;
        this.monitor = monitor;
        this.what = what;
        this.unit = unit;
        this.howToEnd = howToEnd;
        this.restingValue = initialValue;
    }

    /** Starts a trajectory from the resting value; refuses while another runs. */
    void start(Trajectory trajectory) {
        refuseWhileRunning();
        running = trajectory;
        startNanos = clock.nanoTime();
    }

    /** Sets the value at once; refuses while a trajectory runs. */
    void set(double value) {
        refuseWhileRunning();
        restingValue = value;
    }

    boolean isRunning() {
        return settle() != null;
    }

    /** The last trajectory that ran to its end rather than being stopped, or null. */
    Trajectory lastCompleted() {
        settle();
        return lastCompleted;
    }

    double value() {
        Trajectory current = settle();
        return current == null ? restingValue : current.valueAt(elapsedSeconds());
    }

    /** Ends the running trajectory where it is now. */
    void stop() {
        if (isRunning()) {
            restingValue = value();
            running = null;
            monitor.notifyAll();
        }
    }

    /** Waits until the running trajectory ends or is stopped, and returns the value then. */
    double await(double timeoutSeconds) throws InterruptedException, TimeoutException {
        Range.positive("timeout", timeoutSeconds, "s");
        long deadline = clock.nanoTime() + SimClock.toNanos(timeoutSeconds);
        Trajectory current;
        while ((current = settle()) != null) {
            long now = clock.nanoTime();
            if (now >= deadline) {
                throw new TimeoutException(what + " is still running after " + timeoutSeconds + " s (at " + value()
                        + " " + unit + ", going to " + current.to() + " " + unit + ")");
            }
            long end = startNanos + SimClock.toNanos(current.duration());
            // at least 1 ns: rounding can put the end a hair before the trajectory's own end
            clock.waitOn(monitor, Math.max(1, Math.min(end, deadline) - now));
        }
        return restingValue;
    }

    private void refuseWhileRunning() {
        Trajectory current = settle();
        if (current != null) {
            throw new IllegalStateException(what + " is running (to " + current.to() + " " + unit + "); " + howToEnd);
        }
    }

    private Trajectory settle() {
        if (running != null && elapsedSeconds() >= running.duration()) {
            restingValue = running.to();
            lastCompleted = running;
            running = null;
        }
        return running;
    }

    private double elapsedSeconds() {
        return SimClock.toSeconds(clock.nanoTime() - startNanos);
    }
}
