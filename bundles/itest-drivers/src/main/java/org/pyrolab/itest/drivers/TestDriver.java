package org.pyrolab.itest.drivers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.pyrolab.api.Driver;
import org.pyrolab.api.Expose;

/**
 * What every test driver shares: it counts the instances made for each service name, so a test
 * can tell through {@code Services.call(name, "instances")} whether the registry made a second
 * one. The count lives in this class, so it starts again from zero with new code (a bundle update).
 */
abstract class TestDriver implements Driver {
    private static final Map<String, AtomicInteger> MADE = new ConcurrentHashMap<>();

    protected final String serviceName;

    TestDriver(Map<String, Object> properties) {
        this.serviceName = String.valueOf(properties.get(Driver.SERVICE_NAME));
        MADE.computeIfAbsent(serviceName, n -> new AtomicInteger()).incrementAndGet();
    }

    /** Instances made for this service since this code was loaded. */
    @Expose
    public int instances() {
        return MADE.getOrDefault(serviceName, new AtomicInteger()).get();
    }

    /**
     * Blocks like a driver stuck in native I/O: interrupting does not end it, only the time
     * running out. Keeps the interrupt status for whoever looks afterwards.
     */
    static void hang(double seconds) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.round(seconds * 1000));
        boolean interrupted = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
