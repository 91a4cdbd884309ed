package org.pyrolab.daemon.registry;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.lab.ServiceChange;

/**
 * What a start or stop came to: the change it made, or why it failed ({@code failure}, a
 * sentence the caller throws). Events that answer nothing in particular answer {@link #NONE}.
 */
record Outcome(ServiceChange change, String failure) {
    static final Outcome NONE = new Outcome(null, null);

    /** A change to the service {@code name}; {@code driver} and {@code since} as {@link ServiceChange} says. */
    static Outcome of(String name, ServiceChange.Change change, String driver, Instant since) {
        return new Outcome(new ServiceChange(ServiceKind.SERVICE, name, change, driver, since, null), null);
    }

    static Outcome of(String name, ServiceChange.Change change) {
        return of(name, change, null, null);
    }

    static Outcome failed(String why) {
        return new Outcome(null, why);
    }

    boolean ok() {
        return failure == null;
    }

    /** The change of a success; a failure is thrown with its sentence. */
    ServiceChange orThrow() {
        if (!ok()) {
            throw new IllegalStateException(failure);
        }
        return change;
    }

    /** Waits for an outcome; the driver calls inside are bounded, so this is too. */
    static Outcome await(CompletableFuture<Outcome> future, String what) {
        try {
            return future.get(5, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            return failed(what + " did not settle");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(what + ": interrupted");
        } catch (ExecutionException e) {
            return failed(what + ": " + e.getCause());
        }
    }
}
