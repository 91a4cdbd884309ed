package org.pyrolab.daemon.registry;

import org.pyrolab.api.Driver;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/** What a transition asks the {@link Supervisor} to do; the results come back as {@link Event}s. */
sealed interface Action {
    /** Create an instance and connect it (reported as Opened or OpenFailed). */
    record Open(String name, long generation, ServiceSpec spec, DriverEntry driver) implements Action {
    }

    /** Close and dispose a stopped instance (reported as Closed). */
    record Close(String name, long generation, Lifecycle.Running running, long timeoutMs, ServiceState finalState, String reason)
            implements Action {
    }

    /** Close and dispose an instance nobody waits for, logging {@code done}. */
    record Discard(String name, Lifecycle.Running running, long timeoutMs, String done) implements Action {
    }

    /** Make a service that just reached RUNNING reachable over the network. */
    record Announce(String name) implements Action {
    }

    /** Take a service off the network and end its extra instances. */
    record Withdraw(String name) implements Action {
    }

    /** Fire RetryDue after {@code delayMs}. */
    record ScheduleRetry(String name, long generation, long delayMs) implements Action {
    }

    record CancelRetry(String name) implements Action {
    }

    /** Health-ping a running instance (reported as PingDone). */
    record Ping(String name, long generation, Driver driver, long timeoutMs) implements Action {
    }

    /** A line for the service's log. */
    record Log(String name, System.Logger.Level level, String message) implements Action {
    }

    /** Answer whoever waits for the start or stop with this generation. */
    record Reply(String name, long generation, Outcome outcome) implements Action {
    }
}
