package org.pyrolab.daemon.registry;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs driver code on a worker thread and gives up on it after a timeout. A driver stuck in
 * its own code cannot be killed in Java; its thread is left behind, interrupted, and the
 * service moves on without it.
 */
final class DriverCalls {
    private final ExecutorService workers;

    DriverCalls(ExecutorService workers) {
        this.workers = workers;
    }

    /** Thrown when the driver did not answer in time. */
    static final class Timeout extends Exception {
        private static final long serialVersionUID = 1L;

        Timeout(String message) {
            super(message);
        }
    }

    <T> T bounded(String what, Callable<T> call, long timeoutMs) throws Exception {
        Future<T> future = workers.submit(call);
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Timeout(what + " did not finish within " + seconds(timeoutMs) + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw new IllegalStateException(cause.toString(), cause);
        }
    }

    /** The words a user should see for a driver's failure: the innermost message. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (t instanceof Timeout) {
            return t.getMessage();
        }
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }
}
