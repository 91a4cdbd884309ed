package org.pyrolab.itest.support;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waiting for what DS and the framework do asynchronously: services that come and go, and
 * conditions without an event (a file written by the daemon). Every wait has a deadline and
 * fails with what it waited for; none waits a fixed time.
 */
public final class Await {
    /** Generous for DS on a busy 2-core build machine; a passing run never waits this long. */
    public static final long TIMEOUT_MS = 10_000;
    private static final long POLL_MS = 20;

    private Await() {
    }

    /** A service matching {@code filter} (an LDAP filter, {@code objectClass} included), once there is one. */
    public static ServiceReference<Object> service(BundleContext context, String filter) {
        ServiceTracker<Object, ServiceReference<Object>> tracker = referenceTracker(context, filter, null);
        tracker.open(true);
        try {
            ServiceReference<Object> found = tracker.waitForService(TIMEOUT_MS);
            if (found == null) {
                throw new AssertionError("no service " + filter + " within " + TIMEOUT_MS + " ms");
            }
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + filter, e);
        } finally {
            tracker.close();
        }
    }

    /** Returns once no service matches {@code filter}. */
    public static void noService(BundleContext context, String filter) {
        CountDownLatch gone = new CountDownLatch(1);
        ServiceTracker<Object, ServiceReference<Object>> tracker = referenceTracker(context, filter, gone);
        tracker.open(true);
        try {
            if (!tracker.isEmpty() && !gone.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("services " + filter + " still there after " + TIMEOUT_MS + " ms: "
                        + Arrays.toString(tracker.getServiceReferences()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + filter + " to go", e);
        } finally {
            tracker.close();
        }
    }

    /**
     * Tracks references only: waiting must not get the service, which would activate a delayed
     * DS component and change what the test observes. Counts {@code empty} down when the last goes.
     */
    private static ServiceTracker<Object, ServiceReference<Object>> referenceTracker(BundleContext context, String filter,
            CountDownLatch empty) {
        return new ServiceTracker<>(context, filter(context, filter), null) {
            @Override
            public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
                return reference;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, ServiceReference<Object> tracked) {
                if (empty != null && isEmpty()) { // the tracker has already dropped this one
                    empty.countDown();
                }
            }
        };
    }

    /**
     * For conditions no OSGi event announces: checks {@code probe} every few milliseconds until it
     * gives a value or the deadline passes.
     */
    public static <T> T until(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT_MS + " ms: " + what);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    private static Filter filter(BundleContext context, String filter) {
        try {
            return context.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }
}
