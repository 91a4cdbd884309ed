package org.pyrolab.daemon.registry;

import java.time.Instant;

import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/** The supervisor's record of one service: a value; {@link Transitions} makes new ones. */
record ServiceRecord(ServiceSpec spec, ServiceState state, String reason,
        /* whether the service should run: set by autolaunch and start, cleared by stop */ boolean wanted,
        /* bumped by every start and stop, so late results of an abandoned attempt are recognised and dropped */ long generation,
        DriverEntry driver, Lifecycle.Running running, Instant started,
        /* automatic restarts since the last start by hand */ int restarts,
        /* failures in a row, for the back-off; a long healthy run clears it */ int streak,
        Instant nextRestart, boolean pinging,
        /* a failure the driver reported while it was still connecting, acted on once it is RUNNING */ String earlyFailure,
        Instant lastPing) {

    static ServiceRecord of(ServiceSpec spec) {
        return new ServiceRecord(spec, ServiceState.STOPPED, null, false, 0, null, null, null, 0, 0, null, false, null, null);
    }

    String name() {
        return spec.name();
    }

    long timeoutMillis() {
        return Math.round(spec.timeoutSeconds() * 1000);
    }

    /** A mutable copy, changed within one transition and frozen at its end. */
    static final class Draft {
        ServiceSpec spec;
        ServiceState state;
        String reason;
        boolean wanted;
        long generation;
        DriverEntry driver;
        Lifecycle.Running running;
        Instant started;
        int restarts;
        int streak;
        Instant nextRestart;
        boolean pinging;
        String earlyFailure;
        Instant lastPing;

        /** The record this draft was made from: what {@link #freeze()} returns when nothing changed. */
        private final ServiceRecord origin;

        Draft(ServiceRecord r) {
            origin = r;
            spec = r.spec;
            state = r.state;
            reason = r.reason;
            wanted = r.wanted;
            generation = r.generation;
            driver = r.driver;
            running = r.running;
            started = r.started;
            restarts = r.restarts;
            streak = r.streak;
            nextRestart = r.nextRestart;
            pinging = r.pinging;
            earlyFailure = r.earlyFailure;
            lastPing = r.lastPing;
        }

        String name() {
            return spec.name();
        }

        long timeoutMillis() {
            return Math.round(spec.timeoutSeconds() * 1000);
        }

        ServiceRecord freeze() {
            if (spec == origin.spec && state == origin.state && reason == origin.reason && wanted == origin.wanted
                    && generation == origin.generation && driver == origin.driver && running == origin.running
                    && started == origin.started && restarts == origin.restarts && streak == origin.streak
                    && nextRestart == origin.nextRestart && pinging == origin.pinging && earlyFailure == origin.earlyFailure
                    && lastPing == origin.lastPing) {
                return origin;
            }
            return new ServiceRecord(spec, state, reason, wanted, generation, driver, running, started, restarts, streak,
                    nextRestart, pinging, earlyFailure, lastPing);
        }
    }
}
