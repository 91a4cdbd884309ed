package org.pyrolab.daemon.registry;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.osgi.service.component.ComponentInstance;
import org.pyrolab.api.Driver;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/** The registry's record of one service. Every field is guarded by the registry's lock. */
final class ServiceRecord {
    ServiceSpec spec;
    ServiceState state = ServiceState.STOPPED;
    String reason;
    /** Whether the service should run: set by autolaunch and start, cleared by stop. */
    boolean wanted;
    /** Bumped by every start and stop, so late results of an abandoned attempt are recognised and dropped. */
    long generation;
    DriverEntry driver;
    ComponentInstance<?> instance;
    Driver running;
    Instant started;
    /** Automatic restarts since the last start by hand. */
    int restarts;
    /** Failures in a row, for the back-off; a long healthy run clears it. */
    int streak;
    ScheduledFuture<?> retry;
    Instant nextRestart;
    boolean pinging;
    /** A failure the driver reported while it was still connecting, acted on once it is RUNNING. */
    String earlyFailure;
    Instant lastPing;
    /** The outcome of the start or stop under way, for callers who want to wait for it. */
    CompletableFuture<Outcome> pending = Outcome.done(true, "");

    ServiceRecord(ServiceSpec spec) {
        this.spec = spec;
    }

    String name() {
        return spec.name();
    }

    long timeoutMillis() {
        return Math.round(spec.timeoutSeconds() * 1000);
    }
}
