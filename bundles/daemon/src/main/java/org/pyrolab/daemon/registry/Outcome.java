package org.pyrolab.daemon.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What a start or stop came to: one line for the user. */
record Outcome(boolean ok, String message) {

    static CompletableFuture<Outcome> done(boolean ok, String message) {
        return CompletableFuture.completedFuture(new Outcome(ok, message));
    }

    /** The message of a success; a failure is thrown with its message. */
    String orThrow() {
        if (!ok) {
            throw new IllegalStateException(message);
        }
        return message;
    }

    /** Waits for an outcome; the driver calls inside are bounded, so this is too. */
    static Outcome await(CompletableFuture<Outcome> future, String what) {
        try {
            return future.get(5, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            return new Outcome(false, what + " did not settle");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, what + ": interrupted");
        } catch (ExecutionException e) {
            return new Outcome(false, what + ": " + e.getCause());
        }
    }
}
