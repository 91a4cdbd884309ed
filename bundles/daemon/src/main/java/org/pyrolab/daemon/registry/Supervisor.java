package org.pyrolab.daemon.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.pyrolab.api.Driver;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/**
 * Runs the state machine of {@link Transitions}: feeds it one event at a time under a lock,
 * keeps the state it returns, and performs its actions — driver calls on worker threads, each
 * bounded by the service's timeout ({@link DriverCalls}), back-off timers — whose results come
 * back as events. Callers wait on futures that Reply actions complete; nothing polls.
 */
final class Supervisor implements DriverCatalog.Listener {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.registry");

    private final DriverCatalog catalog;
    private final ServiceLogs logs;
    private final RemoteLink remote;
    private final Clock clock = Clock.systemUTC();
    /** Driver calls; idle threads go after a few seconds, so a burst of starts leaves nothing behind. */
    private final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemonThreads("pyrolab-driver"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("pyrolab-supervisor"));
    final DriverCalls calls = new DriverCalls(workers);
    private final Lifecycle lifecycle;
    private volatile SupervisorState state = SupervisorState.EMPTY;
    /** Callers waiting for the Reply of a start or stop, by name and generation. */
    private final Map<String, CompletableFuture<Outcome>> waiting = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();
    /** Completed, and replaced, by every event: what {@code autolaunchFailures} waits on instead of polling. */
    private CompletableFuture<Void> changed = new CompletableFuture<>();
    /** Told after every change, outside the lock (the registry's {@code ServicesListener}s). */
    private volatile Runnable onChange = () -> { };

    Supervisor(DriverCatalog catalog, ServiceLogs logs, RemoteLink remote) {
        this.catalog = catalog;
        this.logs = logs;
        this.remote = remote;
        this.lifecycle = new Lifecycle(calls, logs);
        timer.scheduleWithFixedDelay(() -> fire(new Event.Tick()), 1, 1, TimeUnit.SECONDS);
    }

    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    void close() {
        stopAll();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    // ---- feeding the machine -----------------------------------------------------------------

    /** Runs one transition; actions that call out (network, driver threads, replies) run after the lock is released. */
    private Answer fire(Event event) {
        return fired(event).answer();
    }

    /** An answer, and the future of its Reply when it is one to wait for (taken under the lock: the Reply may come at once). */
    private record Fired(Answer answer, CompletableFuture<Outcome> reply) {
    }

    private Fired fired(Event event) {
        Transitions.Step step;
        CompletableFuture<Void> signal;
        CompletableFuture<Outcome> reply = null;
        synchronized (this) {
            step = Transitions.step(state, event, clock.instant(), catalog::find);
            boolean same = !step.changed();
            state = step.state();
            if (step.answer() instanceof Answer.Await a) {
                reply = waiting.computeIfAbsent(key(a.name(), a.generation()), k -> new CompletableFuture<>());
            }
            for (Action action : step.actions()) {
                if (action instanceof Action.ScheduleRetry r) { // timers under the lock, so a cancel cannot overtake them
                    retries.put(r.name(), timer.schedule(() -> fire(new Event.RetryDue(r.name(), r.generation())), r.delayMs(),
                            TimeUnit.MILLISECONDS));
                } else if (action instanceof Action.CancelRetry c) {
                    ScheduledFuture<?> f = retries.remove(c.name());
                    if (f != null) {
                        f.cancel(false);
                    }
                }
            }
            signal = same ? null : changed; // a health tick that found nothing to do wakes nobody
            if (!same) {
                changed = new CompletableFuture<>();
            }
        }
        step.actions().forEach(this::perform);
        if (signal != null) {
            signal.complete(null);
            onChange.run();
        }
        return new Fired(step.answer(), reply);
    }

    private void perform(Action action) {
        if (action instanceof Action.Open o) {
            workers.execute(() -> fire(lifecycle.open(o, reason -> fire(new Event.Failed(o.name(), o.generation(), reason)))));
        } else if (action instanceof Action.Close c) {
            workers.execute(() -> fire(new Event.Closed(c.name(), c.generation(), c.finalState(), c.reason(),
                    lifecycle.close(c.name(), c.running(), c.timeoutMs(), "stopped " + c.name()))));
        } else if (action instanceof Action.Discard d) {
            workers.execute(() -> lifecycle.close(d.name(), d.running(), d.timeoutMs(), d.done()));
        } else if (action instanceof Action.Ping p) {
            workers.execute(() -> fire(new Event.PingDone(p.name(), p.generation(), lifecycle.ping(p.driver(), p.timeoutMs()))));
        } else if (action instanceof Action.Announce a) {
            announce(a.name());
        } else if (action instanceof Action.Withdraw w) {
            workers.execute(() -> lifecycle.releaseExtras(w.name()));
            try {
                remote.withdraw(w.name());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not withdraw " + w.name() + ": " + e.getMessage());
            }
        } else if (action instanceof Action.Log l) {
            logs.logger(l.name()).log(l.level(), l.message());
        } else if (action instanceof Action.Reply r) {
            CompletableFuture<Outcome> f = waiting.remove(key(r.name(), r.generation()));
            if (f != null) {
                f.complete(r.outcome());
            }
        } // ScheduleRetry and CancelRetry were done under the lock
    }

    private CompletableFuture<Outcome> outcome(Fired fired) {
        return fired.reply() != null ? fired.reply() : CompletableFuture.completedFuture(((Answer.Now) fired.answer()).outcome());
    }

    private static String key(String name, long generation) {
        return name + '\u0000' + generation;
    }

    /** Completes at the next change of any record. */
    synchronized CompletableFuture<Void> nextChange() {
        return changed;
    }

    // ---- commands ------------------------------------------------------------------------------

    Answer.Changes replace(LabConfig config) {
        return ((Answer.Diff) fire(new Event.Replace(config))).changes();
    }

    void respec(String name, ServiceSpec spec) {
        fire(new Event.Respec(name, spec));
    }

    void forget(String name) {
        fire(new Event.Forget(name));
    }

    /** Starts a service unless it runs already; {@code byHand} clears its restart counts. */
    CompletableFuture<Outcome> startAsync(String name, boolean byHand) {
        return outcome(fired(new Event.Start(name, byHand)));
    }

    /** Stops a service; it ends {@code finalState} (STOPPED, or WAITING when its driver left). */
    CompletableFuture<Outcome> stopAsync(String name, ServiceState finalState, String reason) {
        return outcome(fired(new Event.Stop(name, finalState, reason)));
    }

    /** Stops every service, the last started first, each after the previous one has closed. */
    void stopAll() {
        List<String> order = ((Answer.Order) fire(new Event.ShutDown())).names();
        for (String name : order) {
            Outcome.await(stopAsync(name, ServiceState.STOPPED, null), name);
        }
    }

    // ---- what the records say --------------------------------------------------------------------

    boolean active(String name) {
        ServiceRecord r = state.records().get(name);
        return r != null && r.state() != ServiceState.STOPPED;
    }

    boolean has(String name) {
        return state.records().containsKey(name);
    }

    /** Snapshots of the records, for {@code ps} and the like; unknown names are skipped. */
    List<ServiceDTO> rows(List<String> names) {
        Map<String, ServiceRecord> records = state.records();
        List<ServiceDTO> rows = new ArrayList<>();
        for (String name : names == null ? records.keySet() : names) {
            ServiceRecord r = records.get(name);
            if (r != null) {
                rows.add(ServiceRows.of(r, catalog));
            }
        }
        return rows;
    }

    ServiceDTO row(String name) {
        return ServiceRows.of(require(name), catalog);
    }

    /** The driver object of a running service and its call timeout, for {@code pyrolab call}. */
    Map.Entry<Driver, Long> running(String name) {
        ServiceRecord r = require(name);
        if (r.state() != ServiceState.RUNNING) {
            throw new IllegalStateException(name + " is not running (" + r.state() + ")");
        }
        return Map.entry(r.running().driver(), r.timeoutMillis());
    }

    List<String> runningNames() {
        return state.startOrder();
    }

    private ServiceRecord require(String name) {
        SupervisorState s = state;
        ServiceRecord r = s.records().get(name);
        if (r == null) {
            throw new IllegalArgumentException(Transitions.unknown(s.records().keySet(), name));
        }
        return r;
    }

    /** Makes a service that just reached RUNNING reachable over the network. */
    void announce(String name) {
        ServiceRecord r = state.records().get(name);
        if (r == null || r.state() != ServiceState.RUNNING) {
            return;
        }
        try {
            remote.expose(r.spec(), r.running().driver(), () -> lifecycle.extra(r.spec(), r.driver()), lifecycle::releaseExtra);
        } catch (RuntimeException e) {
            logs.logger(name).log(System.Logger.Level.ERROR, name + " runs but cannot be reached remotely: " + e.getMessage());
        }
    }

    // ---- drivers coming and going ------------------------------------------------------------

    @Override
    public void driverAdded(DriverEntry driver) {
        fire(new Event.DriverArrived(driver));
    }

    @Override
    public void driverRemoved(DriverEntry driver) {
        List<CompletableFuture<Outcome>> stops = new ArrayList<>();
        for (ServiceRecord r : state.records().values()) {
            if (r.driver() != null && r.driver().serviceId() == driver.serviceId() && r.wanted()) {
                String why = "driver " + driver.id() + " was removed with " + driver.bundleName() + "; it restarts when the driver returns";
                stops.add(stopAsync(r.name(), ServiceState.WAITING, why));
            }
        }
        // the bundle is stopping: close its instances now, while their classes still work
        stops.forEach(f -> Outcome.await(f, driver.id()));
    }

    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
