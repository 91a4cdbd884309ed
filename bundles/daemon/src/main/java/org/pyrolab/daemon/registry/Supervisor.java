package org.pyrolab.daemon.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.pyrolab.api.Driver;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.Restart;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/**
 * The services' state machine. Every state change happens under the supervisor's lock; driver
 * code never runs under it but on worker threads, each call bounded by the service's timeout
 * ({@link DriverCalls}), so a driver that throws or hangs becomes FAILED and the daemon and
 * every other service carry on. A generation number per record makes late results of abandoned
 * attempts harmless. Failures are answered by the restart policy with back-off from 1 s
 * doubling to 60 s.
 */
final class Supervisor implements DriverCatalog.Listener {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.registry");
    private static final long MAX_BACKOFF_MS = 60_000;
    /** A service that ran this long before failing starts its back-off from 1 s again. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(5);

    private final DriverCatalog catalog;
    private final ServiceLogs logs;
    private final RemoteLink remote;
    /** Driver calls; idle threads go after a few seconds, so a burst of starts leaves nothing behind. */
    private final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemonThreads("pyrolab-driver"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("pyrolab-supervisor"));
    final DriverCalls calls = new DriverCalls(workers);
    private final Lifecycle lifecycle;
    private final Map<String, ServiceRecord> records = new LinkedHashMap<>();
    /** Names in the order they reached RUNNING: {@code down} stops them in reverse. */
    private final List<String> startOrder = new ArrayList<>();

    Supervisor(DriverCatalog catalog, ServiceLogs logs, RemoteLink remote) {
        this.catalog = catalog;
        this.logs = logs;
        this.remote = remote;
        this.lifecycle = new Lifecycle(this, calls, logs);
        timer.scheduleWithFixedDelay(this::pingDue, 1, 1, TimeUnit.SECONDS);
    }

    void close() {
        stopAll();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    // ---- the records ---------------------------------------------------------------------------

    /** The names that were added, removed and changed by {@link #replace}. */
    record Changes(List<String> added, List<String> gone, List<String> changed) {
    }

    /**
     * Takes on the services of {@code config}: new records for new names, new specs for changed
     * ones are recorded by {@link #respec} once they are stopped; gone records stay until
     * {@link #forget}.
     */
    synchronized Changes replace(LabConfig config) {
        List<String> added = new ArrayList<>(), gone = new ArrayList<>(), changed = new ArrayList<>();
        Map<String, ServiceRecord> next = new LinkedHashMap<>();
        for (ServiceSpec spec : config.services().values()) {
            ServiceRecord record = records.get(spec.name());
            if (record == null) {
                record = new ServiceRecord(spec);
                added.add(spec.name());
            } else if (!record.spec.equals(spec)) {
                changed.add(spec.name());
            }
            next.put(spec.name(), record);
        }
        for (Map.Entry<String, ServiceRecord> old : records.entrySet()) {
            if (!next.containsKey(old.getKey())) {
                gone.add(old.getKey());
                next.put(old.getKey(), old.getValue()); // kept until stopped
            }
        }
        records.clear();
        records.putAll(next);
        return new Changes(added, gone, changed);
    }

    synchronized void respec(String name, ServiceSpec spec) {
        records.get(name).spec = spec;
    }

    synchronized void forget(String name) {
        records.remove(name);
    }

    synchronized boolean active(String name) {
        ServiceRecord r = records.get(name);
        return r != null && r.state != ServiceState.STOPPED;
    }

    synchronized boolean has(String name) {
        return records.containsKey(name);
    }

    /** Snapshots of the records, for {@code ps} and the like; unknown names are skipped. */
    synchronized List<ServiceDTO> rows(List<String> names) {
        List<ServiceDTO> rows = new ArrayList<>();
        for (String name : names == null ? records.keySet() : names) {
            ServiceRecord r = records.get(name);
            if (r != null) {
                rows.add(ServiceRows.of(r, catalog));
            }
        }
        return rows;
    }

    synchronized ServiceDTO row(String name) {
        return ServiceRows.of(require(name), catalog);
    }

    /** The driver object of a running service and its call timeout, for {@code pyrolab call}. */
    synchronized Map.Entry<Driver, Long> running(String name) {
        ServiceRecord r = require(name);
        if (r.state != ServiceState.RUNNING) {
            throw new IllegalStateException(name + " is not running (" + r.state + ")");
        }
        return Map.entry(r.running, r.timeoutMillis());
    }

    synchronized List<String> runningNames() {
        return new ArrayList<>(startOrder);
    }

    private ServiceRecord require(String name) {
        ServiceRecord r = records.get(name);
        if (r == null) {
            throw new IllegalArgumentException("there is no service `" + name + "`" + (records.isEmpty() ? "; the configuration has none"
                    : "; configured: " + String.join(", ", records.keySet())));
        }
        return r;
    }

    // ---- starting --------------------------------------------------------------------------------

    /** Starts a service unless it runs already; {@code byHand} clears its restart counts. */
    synchronized CompletableFuture<Outcome> startAsync(String name, boolean byHand) {
        ServiceRecord r = require(name);
        if (r.state == ServiceState.RUNNING) {
            return Outcome.done(true, name + " is already running (since " + r.started + ")");
        }
        if (r.state == ServiceState.STARTING) {
            return r.pending;
        }
        r.wanted = true;
        if (byHand) {
            r.restarts = 0;
            r.streak = 0;
        }
        cancelRetry(r);
        return beginStart(r);
    }

    private CompletableFuture<Outcome> beginStart(ServiceRecord r) {
        DriverEntry driver = catalog.find(r.spec.driver()).orElse(null);
        if (driver == null) {
            r.state = ServiceState.WAITING;
            r.reason = "driver " + r.spec.driver() + " is not installed";
            return Outcome.done(true, r.name() + " waits for driver " + r.spec.driver()
                    + ", which no installed bundle offers; it starts when one is installed");
        }
        r.state = ServiceState.STARTING;
        r.reason = null;
        r.earlyFailure = null;
        r.driver = driver;
        long generation = ++r.generation;
        CompletableFuture<Outcome> pending = new CompletableFuture<>();
        r.pending = pending;
        ServiceSpec spec = r.spec;
        workers.execute(() -> lifecycle.start(spec, driver, generation, pending));
        return pending;
    }

    /** Called by {@link Lifecycle} when a start ended; returns false if the attempt was abandoned meanwhile. */
    synchronized boolean started(String name, long generation, DriverEntry driver, Lifecycle.Running running) {
        ServiceRecord r = records.get(name);
        if (r == null || r.generation != generation || r.state != ServiceState.STARTING) {
            return false;
        }
        r.state = ServiceState.RUNNING;
        r.instance = running.instance();
        r.running = running.driver();
        r.started = Instant.now();
        r.lastPing = r.started;
        startOrder.remove(name);
        startOrder.add(name);
        String early = r.earlyFailure;
        r.earlyFailure = null;
        if (early != null) {
            workers.execute(() -> runtimeFailure(name, generation, early));
        }
        return true;
    }

    synchronized void startFailed(String name, long generation, String reason, boolean retry) {
        ServiceRecord r = records.get(name);
        if (r != null && r.generation == generation) {
            fail(r, reason, retry);
        }
    }

    /** Makes a service that just reached RUNNING reachable over the network. */
    void announce(String name) {
        Object instance;
        ServiceSpec spec;
        DriverEntry driver;
        synchronized (this) {
            ServiceRecord r = records.get(name);
            if (r == null || r.state != ServiceState.RUNNING) {
                return;
            }
            instance = r.running;
            spec = r.spec;
            driver = r.driver;
        }
        try {
            remote.expose(spec, instance, () -> lifecycle.extra(spec, driver), lifecycle::releaseExtra);
        } catch (RuntimeException e) {
            logs.logger(name).log(System.Logger.Level.ERROR, name + " runs but cannot be reached remotely: " + e.getMessage());
        }
    }

    // ---- failing ---------------------------------------------------------------------------------

    /** The driver reported its instrument lost, or a ping failed. */
    void runtimeFailure(String name, long generation, String reason) {
        Lifecycle.Running running;
        synchronized (this) {
            ServiceRecord r = records.get(name);
            if (r != null && r.generation == generation && r.state == ServiceState.STARTING) {
                r.earlyFailure = reason; // reported from inside connect: acted on once the start completes
                return;
            }
            if (r == null || r.generation != generation || r.state != ServiceState.RUNNING) {
                return;
            }
            running = new Lifecycle.Running(r.instance, r.running);
            boolean ranLong = !r.started.plus(HEALTHY_RUN).isAfter(Instant.now());
            detach(r);
            r.generation++;
            if (ranLong) {
                r.streak = 0;
            }
            fail(r, reason, true);
        }
        withdraw(name);
        workers.execute(() -> lifecycle.close(name, running, timeoutOf(name)));
    }

    private void fail(ServiceRecord r, String reason, boolean retry) {
        r.state = ServiceState.FAILED;
        r.reason = reason;
        logs.logger(r.name()).log(System.Logger.Level.ERROR, r.name() + " failed: " + reason);
        if (!retry || !r.wanted || r.spec.restart() == Restart.NEVER) {
            return;
        }
        if (r.spec.restart() == Restart.ON_FAILURE && r.streak >= r.spec.maxRestarts()) {
            r.reason = reason + " (gave up after " + r.spec.maxRestarts() + " restarts; `pyrolab start " + r.name() + "` tries again)";
            return;
        }
        long delay = Math.min(1000L << Math.min(r.streak, 16), MAX_BACKOFF_MS);
        r.streak++;
        r.nextRestart = Instant.now().plusMillis(delay);
        long generation = r.generation;
        r.retry = timer.schedule(() -> autoRestart(r.name(), generation), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void autoRestart(String name, long generation) {
        ServiceRecord r = records.get(name);
        if (r == null || r.generation != generation || r.state != ServiceState.FAILED || !r.wanted) {
            return;
        }
        r.retry = null;
        r.nextRestart = null;
        r.restarts++;
        logs.logger(name).log(System.Logger.Level.INFO, "restarting " + name + " (restart " + r.restarts + ")");
        beginStart(r);
    }

    // ---- stopping --------------------------------------------------------------------------------

    /** Stops a service; it ends {@code finalState} (STOPPED, or WAITING when its driver left). */
    CompletableFuture<Outcome> stopAsync(String name, ServiceState finalState, String reason) {
        Lifecycle.Running running;
        long generation;
        CompletableFuture<Outcome> pending;
        synchronized (this) {
            ServiceRecord r = require(name);
            if (finalState == ServiceState.STOPPED) {
                r.wanted = false;
            }
            cancelRetry(r);
            generation = ++r.generation; // an attempt still starting is abandoned and cleans up after itself
            if (r.state == ServiceState.STOPPING) {
                return r.pending;
            }
            if (r.state != ServiceState.RUNNING) {
                boolean wasActive = r.state != ServiceState.STOPPED;
                r.state = finalState;
                r.reason = reason;
                return Outcome.done(true, wasActive ? "Stopped " + name + "." : name + " is not running.");
            }
            running = new Lifecycle.Running(r.instance, r.running);
            detach(r);
            r.state = ServiceState.STOPPING;
            pending = new CompletableFuture<>();
            r.pending = pending;
        }
        withdraw(name);
        workers.execute(() -> {
            String problem = lifecycle.close(name, running, timeoutOf(name));
            synchronized (this) {
                ServiceRecord r = records.get(name);
                if (r != null && r.generation == generation) {
                    if (problem == null) {
                        r.state = finalState;
                        r.reason = reason;
                    } else {
                        fail(r, problem, false);
                    }
                }
            }
            pending.complete(problem == null ? new Outcome(true, "Stopped " + name + ".") : new Outcome(false, name + ": " + problem));
        });
        return pending;
    }

    /** Stops every service, the last started first; those still starting, waiting or failed are abandoned. */
    void stopAll() {
        List<String> order;
        synchronized (this) {
            order = new ArrayList<>(startOrder);
            Collections.reverse(order);
            records.values().forEach(r -> {
                r.wanted = false;
                cancelRetry(r);
                if (r.state != ServiceState.STOPPED && !order.contains(r.name())) {
                    order.add(r.name());
                }
            });
        }
        for (String name : order) {
            Outcome.await(stopAsync(name, ServiceState.STOPPED, null), name);
        }
    }

    private void withdraw(String name) {
        workers.execute(() -> lifecycle.releaseExtras(name));
        try {
            remote.withdraw(name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not withdraw " + name + ": " + e.getMessage());
        }
    }

    private void detach(ServiceRecord r) {
        r.instance = null;
        r.running = null;
        r.started = null;
        startOrder.remove(r.name());
    }

    private void cancelRetry(ServiceRecord r) {
        if (r.retry != null) {
            r.retry.cancel(false);
            r.retry = null;
        }
        r.nextRestart = null;
    }

    private synchronized long timeoutOf(String name) {
        ServiceRecord r = records.get(name);
        return r == null ? 5000 : r.timeoutMillis();
    }

    // ---- drivers coming and going ------------------------------------------------------------

    @Override
    public synchronized void driverAdded(DriverEntry driver) {
        for (ServiceRecord r : records.values()) {
            if (r.wanted && r.state == ServiceState.WAITING && r.spec.driver().equals(driver.id())) {
                r.restarts = 0;
                r.streak = 0;
                beginStart(r);
            }
        }
    }

    @Override
    public void driverRemoved(DriverEntry driver) {
        List<CompletableFuture<Outcome>> stops = new ArrayList<>();
        synchronized (this) {
            for (ServiceRecord r : records.values()) {
                if (r.driver != null && r.driver.serviceId() == driver.serviceId() && r.wanted) {
                    String why = "driver " + driver.id() + " was removed with " + driver.bundleName() + "; it restarts when the driver returns";
                    stops.add(stopAsync(r.name(), ServiceState.WAITING, why));
                }
            }
        }
        // the bundle is stopping: close its instances now, while their classes still work
        stops.forEach(f -> Outcome.await(f, driver.id()));
    }

    // ---- health --------------------------------------------------------------------------------

    /** A health ping to make: which attempt of which service, on which driver object. */
    private record Ping(String name, long generation, Driver driver, long timeoutMs) {
    }

    private void pingDue() {
        List<Ping> due = new ArrayList<>();
        synchronized (this) {
            Instant now = Instant.now();
            for (ServiceRecord r : records.values()) {
                double interval = r.spec.pingIntervalSeconds();
                if (r.state == ServiceState.RUNNING && interval > 0 && !r.pinging
                        && r.lastPing.plusMillis(Math.round(interval * 1000)).isBefore(now)) {
                    r.pinging = true;
                    r.lastPing = now;
                    due.add(new Ping(r.name(), r.generation, r.running, r.timeoutMillis()));
                }
            }
        }
        for (Ping ping : due) {
            workers.execute(() -> {
                String problem = lifecycle.ping(ping.driver(), ping.timeoutMs());
                synchronized (this) {
                    ServiceRecord r = records.get(ping.name());
                    if (r != null) {
                        r.pinging = false;
                    }
                }
                if (problem != null) {
                    runtimeFailure(ping.name(), ping.generation(), problem);
                }
            });
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
