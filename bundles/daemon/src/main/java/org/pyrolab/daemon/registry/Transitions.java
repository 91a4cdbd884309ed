package org.pyrolab.daemon.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.ServiceChange.Change;
import org.pyrolab.daemon.config.LabConfig.Restart;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/**
 * The services' state machine as a pure function: {@code (state, event) → (new state, actions)}.
 * No threads, clocks or driver code here — the time and the installed drivers are inputs, the
 * driver calls and timers are {@link Action}s that the {@link Supervisor} performs — so every
 * transition can be tested as a table. Failures are answered by the restart policy with
 * back-off from 1 s doubling to 60 s.
 */
final class Transitions {
    static final long MAX_BACKOFF_MS = 60_000;
    /** A service that ran this long before failing starts its back-off from 1 s again. */
    static final Duration HEALTHY_RUN = Duration.ofMinutes(5);

    /** The outcome of one transition. */
    record Step(SupervisorState state, List<Action> actions, Answer answer, boolean changed) {
    }

    private final RecordDrafts records;
    /** The start order; copied at its first change. */
    private List<String> startOrder;
    private boolean orderChanged;
    private final List<Action> actions = new ArrayList<>();
    private final Instant now;
    private final Function<String, Optional<DriverEntry>> drivers;

    private Transitions(SupervisorState state, Instant now, Function<String, Optional<DriverEntry>> drivers) {
        this.records = new RecordDrafts(state.records());
        this.startOrder = state.startOrder();
        this.now = now;
        this.drivers = drivers;
    }

    private List<String> order() {
        if (!orderChanged) {
            startOrder = new ArrayList<>(startOrder);
            orderChanged = true;
        }
        return startOrder;
    }

    /**
     * The one transition function. {@code drivers} finds the installed driver of an id; unknown
     * service names in commands throw IllegalArgumentException (the caller checks them first).
     */
    static Step step(SupervisorState state, Event event, Instant now, Function<String, Optional<DriverEntry>> drivers) {
        Transitions t = new Transitions(state, now, drivers);
        Answer answer = t.apply(event);
        Map<String, ServiceRecord> records = t.records.frozen();
        List<String> order = t.orderChanged && !t.startOrder.equals(state.startOrder()) ? List.copyOf(t.startOrder) : state.startOrder();
        boolean changed = records != state.records() || order != state.startOrder();
        return new Step(changed ? new SupervisorState(records, order) : state, List.copyOf(t.actions), answer, changed);
    }

    private Answer apply(Event event) {
        if (event instanceof Event.Replace e) {
            return replace(e);
        } else if (event instanceof Event.Respec e) {
            records.get(e.name()).spec = e.spec();
        } else if (event instanceof Event.Forget e) {
            records.all().remove(e.name());
        } else if (event instanceof Event.Start e) {
            return start(e.name(), e.byHand());
        } else if (event instanceof Event.Opened e) {
            opened(e);
        } else if (event instanceof Event.OpenFailed e) {
            ServiceRecord.Draft r = records.get(e.name());
            if (r != null && r.generation == e.generation()) {
                fail(r, e.reason(), e.retry());
            }
            actions.add(new Action.Reply(e.name(), e.generation(), Outcome.failed(e.message())));
        } else if (event instanceof Event.Failed e) {
            failed(e.name(), e.generation(), e.reason());
        } else if (event instanceof Event.Stop e) {
            return stop(e.name(), e.finalState(), e.reason());
        } else if (event instanceof Event.Closed e) {
            closed(e);
        } else if (event instanceof Event.RetryDue e) {
            retryDue(e);
        } else if (event instanceof Event.DriverArrived e) {
            for (ServiceRecord.Draft r : records.all().values()) {
                if (r.wanted && r.state == ServiceState.WAITING && r.spec.driver().equals(e.driver().id())) {
                    r.restarts = 0;
                    r.streak = 0;
                    begin(r);
                }
            }
        } else if (event instanceof Event.ShutDown) {
            return shutDown();
        } else if (event instanceof Event.Tick) {
            pingsDue();
        } else if (event instanceof Event.PingDone e) {
            ServiceRecord.Draft r = records.get(e.name());
            if (r != null) {
                r.pinging = false;
            }
            if (e.problem() != null) {
                failed(e.name(), e.generation(), e.problem());
            }
        }
        return new Answer.Now(Outcome.NONE);
    }

    private Answer replace(Event.Replace e) {
        List<String> added = new ArrayList<>(), gone = new ArrayList<>(), changed = new ArrayList<>();
        Map<String, ServiceRecord.Draft> next = new LinkedHashMap<>();
        for (ServiceSpec spec : e.config().services().values()) {
            ServiceRecord.Draft r = records.get(spec.name());
            if (r == null) {
                r = new ServiceRecord.Draft(ServiceRecord.of(spec));
                added.add(spec.name());
            } else if (!r.spec.equals(spec)) {
                changed.add(spec.name()); // the new spec is taken by Respec once the service is stopped
            }
            next.put(spec.name(), r);
        }
        records.all().forEach((name, r) -> {
            if (!next.containsKey(name)) {
                gone.add(name);
                next.put(name, r); // kept until stopped and forgotten
            }
        });
        records.replaceAll(next);
        return new Answer.Diff(new Answer.Changes(added, gone, changed));
    }

    private Answer start(String name, boolean byHand) {
        ServiceRecord.Draft r = require(name);
        if (r.state == ServiceState.RUNNING) {
            return new Answer.Now(Outcome.of(name, Change.ALREADY_RUNNING, null, r.started));
        }
        if (r.state == ServiceState.STARTING) {
            return new Answer.Await(name, r.generation);
        }
        r.wanted = true;
        if (byHand) {
            r.restarts = 0;
            r.streak = 0;
        }
        cancelRetry(r);
        return begin(r);
    }

    private Answer begin(ServiceRecord.Draft r) {
        DriverEntry driver = drivers.apply(r.spec.driver()).orElse(null);
        if (driver == null) {
            r.state = ServiceState.WAITING;
            r.reason = "driver " + r.spec.driver() + " is not installed";
            return new Answer.Now(Outcome.of(r.name(), Change.WAITING_FOR_DRIVER, r.spec.driver(), null));
        }
        r.state = ServiceState.STARTING;
        r.reason = null;
        r.earlyFailure = null;
        r.driver = driver;
        r.generation++;
        actions.add(new Action.Open(r.name(), r.generation, r.spec, driver));
        return new Answer.Await(r.name(), r.generation);
    }

    private void opened(Event.Opened e) {
        ServiceRecord.Draft r = records.get(e.name());
        if (r == null || r.generation != e.generation() || r.state != ServiceState.STARTING) {
            // stopped (or changed) while it started: the instance is closed again
            long timeout = r == null ? 5000 : r.timeoutMillis();
            actions.add(new Action.Discard(e.name(), e.running(), timeout, "stopped " + e.name() + ", which was stopped while it started"));
            actions.add(new Action.Reply(e.name(), e.generation(), Outcome.of(e.name(), Change.STOPPED_WHILE_STARTING)));
            return;
        }
        r.state = ServiceState.RUNNING;
        r.running = e.running();
        r.started = now;
        r.lastPing = now;
        order().remove(r.name());
        order().add(r.name());
        DriverEntry d = r.driver;
        actions.add(new Action.Announce(r.name()));
        actions.add(new Action.Log(r.name(), System.Logger.Level.INFO, "started " + r.name() + " (driver " + d.id() + " from "
                + d.bundleName() + " " + d.bundleVersion() + ")"));
        actions.add(new Action.Reply(r.name(), e.generation(), Outcome.of(r.name(), Change.STARTED, d.id(), null)));
        String early = r.earlyFailure;
        r.earlyFailure = null;
        if (early != null) {
            failed(r.name(), r.generation, early); // reported from inside connect: acted on now that the start is done
        }
    }

    /** The driver reported its instrument lost, or a ping failed. */
    private void failed(String name, long generation, String reason) {
        ServiceRecord.Draft r = records.get(name);
        if (r != null && r.generation == generation && r.state == ServiceState.STARTING) {
            r.earlyFailure = reason;
            return;
        }
        if (r == null || r.generation != generation || r.state != ServiceState.RUNNING) {
            return; // an abandoned attempt
        }
        Lifecycle.Running running = r.running;
        boolean ranLong = !r.started.plus(HEALTHY_RUN).isAfter(now);
        detach(r);
        r.generation++;
        if (ranLong) {
            r.streak = 0;
        }
        fail(r, reason, true);
        actions.add(new Action.Withdraw(name));
        actions.add(new Action.Discard(name, running, r.timeoutMillis(), "stopped " + name));
    }

    private void fail(ServiceRecord.Draft r, String reason, boolean retry) {
        r.state = ServiceState.FAILED;
        r.reason = reason;
        actions.add(new Action.Log(r.name(), System.Logger.Level.ERROR, r.name() + " failed: " + reason));
        if (!retry || !r.wanted || r.spec.restart() == Restart.NEVER) {
            return;
        }
        if (r.spec.restart() == Restart.ON_FAILURE && r.streak >= r.spec.maxRestarts()) {
            r.reason = reason + " (gave up after " + r.spec.maxRestarts() + " restarts; `pyrolab start " + r.name() + "` tries again)";
            return;
        }
        long delay = Math.min(1000L << Math.min(r.streak, 16), MAX_BACKOFF_MS);
        r.streak++;
        r.nextRestart = now.plusMillis(delay);
        actions.add(new Action.ScheduleRetry(r.name(), r.generation, delay));
    }

    private void retryDue(Event.RetryDue e) {
        ServiceRecord.Draft r = records.get(e.name());
        if (r == null || r.generation != e.generation() || r.state != ServiceState.FAILED || !r.wanted) {
            return;
        }
        r.nextRestart = null;
        r.restarts++;
        actions.add(new Action.Log(r.name(), System.Logger.Level.INFO, "restarting " + r.name() + " (restart " + r.restarts + ")"));
        begin(r);
    }

    private Answer stop(String name, ServiceState finalState, String reason) {
        ServiceRecord.Draft r = require(name);
        if (finalState == ServiceState.STOPPED) {
            r.wanted = false;
        }
        cancelRetry(r);
        if (r.state == ServiceState.STOPPING) {
            return new Answer.Await(name, r.generation); // the stop under way answers this one too
        }
        r.generation++; // an attempt still starting is abandoned and cleans up after itself
        if (r.state != ServiceState.RUNNING) {
            boolean wasActive = r.state != ServiceState.STOPPED;
            r.state = finalState;
            r.reason = reason;
            return new Answer.Now(Outcome.of(name, wasActive ? Change.STOPPED : Change.NOT_RUNNING));
        }
        Lifecycle.Running running = r.running;
        detach(r);
        r.state = ServiceState.STOPPING;
        actions.add(new Action.Withdraw(name));
        actions.add(new Action.Close(name, r.generation, running, r.timeoutMillis(), finalState, reason));
        return new Answer.Await(name, r.generation);
    }

    private void closed(Event.Closed e) {
        ServiceRecord.Draft r = records.get(e.name());
        if (r != null && r.generation == e.generation()) {
            if (e.problem() == null) {
                r.state = e.finalState();
                r.reason = e.reason();
            } else {
                fail(r, e.problem(), false);
            }
        }
        actions.add(new Action.Reply(e.name(), e.generation(), e.problem() == null ? Outcome.of(e.name(), Change.STOPPED)
                : Outcome.failed(e.name() + ": " + e.problem())));
    }

    /** Nothing is wanted any more; the answer is the stop order: the last started first, then whatever else is active. */
    private Answer shutDown() {
        List<String> order = new ArrayList<>(startOrder);
        Collections.reverse(order);
        for (ServiceRecord.Draft r : records.all().values()) {
            r.wanted = false;
            cancelRetry(r);
            if (r.state != ServiceState.STOPPED && !order.contains(r.name())) {
                order.add(r.name());
            }
        }
        return new Answer.Order(order);
    }

    private void pingsDue() {
        for (ServiceRecord.Draft r : records.all().values()) {
            double interval = r.spec.pingIntervalSeconds();
            if (r.state == ServiceState.RUNNING && interval > 0 && !r.pinging
                    && r.lastPing.plusMillis(Math.round(interval * 1000)).isBefore(now)) {
                r.pinging = true;
                r.lastPing = now;
                actions.add(new Action.Ping(r.name(), r.generation, r.running.driver(), r.timeoutMillis()));
            }
        }
    }

    private void detach(ServiceRecord.Draft r) {
        r.running = null;
        r.started = null;
        if (startOrder.contains(r.name())) {
            order().remove(r.name());
        }
    }

    private void cancelRetry(ServiceRecord.Draft r) {
        if (r.nextRestart != null) {
            actions.add(new Action.CancelRetry(r.name()));
        }
        r.nextRestart = null;
    }

    private ServiceRecord.Draft require(String name) {
        ServiceRecord.Draft r = records.get(name);
        if (r == null) {
            throw new IllegalArgumentException(unknown(records.names(), name));
        }
        return r;
    }

    static String unknown(java.util.Collection<String> names, String name) {
        return "there is no service `" + name + "`" + (names.isEmpty() ? "; the configuration has none" : "; configured: " + String.join(", ", names));
    }
}
