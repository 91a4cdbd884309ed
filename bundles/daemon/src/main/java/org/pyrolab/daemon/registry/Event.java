package org.pyrolab.daemon.registry;

import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/** What can happen to the supervised services: commands, results of driver calls, timers, drivers coming and going. */
sealed interface Event {
    /** Take on the services of a configuration (answers with the {@link Answer.Changes}). */
    record Replace(LabConfig config) implements Event {
    }

    /** A changed service, now stopped, takes its new settings. */
    record Respec(String name, ServiceSpec spec) implements Event {
    }

    /** A service gone from the configuration and stopped is dropped. */
    record Forget(String name) implements Event {
    }

    /** Start unless running; {@code byHand} clears the restart counts. */
    record Start(String name, boolean byHand) implements Event {
    }

    /** Create and connect succeeded. */
    record Opened(String name, long generation, Lifecycle.Running running) implements Event {
    }

    /** Create or connect failed or timed out; {@code message} is the caller's answer. */
    record OpenFailed(String name, long generation, String reason, boolean retry, String message) implements Event {
    }

    /** The driver reported its instrument lost, or a health ping failed. */
    record Failed(String name, long generation, String reason) implements Event {
    }

    /** Stop; the service ends {@code finalState} (STOPPED, or WAITING when its driver left). */
    record Stop(String name, ServiceState finalState, String reason) implements Event {
    }

    /** Close and dispose ended; {@code problem} is null when they went well. */
    record Closed(String name, long generation, ServiceState finalState, String reason, String problem) implements Event {
    }

    /** A back-off timer ran out. */
    record RetryDue(String name, long generation) implements Event {
    }

    /** A driver was installed. */
    record DriverArrived(DriverEntry driver) implements Event {
    }

    /** The framework goes down: nothing is wanted any more (answers with the stop order). */
    record ShutDown() implements Event {
    }

    /** The health-check clock ticked. */
    record Tick() implements Event {
    }

    /** A health ping ended; {@code problem} is null when it went well. */
    record PingDone(String name, long generation, String problem) implements Event {
    }
}
