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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.Services;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.Restart;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;
import org.pyrolab.daemon.registry.ServiceRecord.Outcome;

/**
 * The registry of configured services and their supervision. State changes happen under the
 * registry's lock; driver code never runs under it but on worker threads, each call bounded by
 * the service's timeout ({@link DriverCalls}), so a driver that throws or hangs becomes FAILED
 * and the daemon and every other service carry on. Failures are answered by the service's
 * restart policy with exponential back-off (1 s doubling to 60 s).
 */
@Component(service = {Services.class, ServiceRegistry.class})
public class ServiceRegistry implements Services, DriverCatalog.Listener {
    static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.registry");
    private static final long MAX_BACKOFF_MS = 60_000;
    /** A service that ran this long before failing starts its back-off from 1 s again. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(5);

    private final DriverCatalog catalog;
    private final ServiceLogs logs;
    /** Driver calls; idle threads go after a few seconds, so a burst of starts leaves nothing behind. */
    private final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemonThreads("pyrolab-driver"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("pyrolab-supervisor"));
    private final DriverCalls calls = new DriverCalls(workers);
    private final Lifecycle lifecycle;
    private final Map<String, ServiceRecord> records = new LinkedHashMap<>();
    /** Names in the order they reached RUNNING: {@code down} stops them in reverse. */
    private final List<String> startOrder = new ArrayList<>();
    private List<String> autolaunch = List.of();
    private LabConfig current = LabConfig.empty();
    /** Network access, when the remote bundle is there; optional so that the daemon runs without it. */
    private final RemoteLink remote = new RemoteLink();

    private final BundleContext context;
    /**
     * The framework is going down (down, SIGTERM, Ctrl-C): stop every service in reverse start
     * order first, before the framework stops driver bundles in its own order.
     */
    private final SynchronousBundleListener frameworkStopping = event -> {
        if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
            stopAll();
        }
    };

    @Activate
    public ServiceRegistry(BundleContext context, @Reference DriverCatalog catalog, @Reference ServiceLogs logs) {
        this.context = context;
        this.catalog = catalog;
        this.logs = logs;
        this.lifecycle = new Lifecycle(this, calls, logs);
        catalog.addListener(this);
        context.addBundleListener(frameworkStopping);
        timer.scheduleWithFixedDelay(this::pingDue, 1, 1, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRemote(RemoteAccess access) {
        remote.bind(access);
        LabConfig config;
        List<String> running;
        synchronized (this) {
            config = current;
            running = new ArrayList<>(startOrder);
        }
        remote.configure(config);
        running.forEach(this::announce);
    }

    void unbindRemote(RemoteAccess access) {
        remote.unbind(access);
    }

    @Deactivate
    void close() {
        context.removeBundleListener(frameworkStopping);
        catalog.removeListener(this);
        stopAll();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /** Stops every running service, the last started first. */
    private void stopAll() {
        List<String> order;
        synchronized (this) {
            order = new ArrayList<>(startOrder);
            Collections.reverse(order);
            records.values().forEach(r -> {
                r.wanted = false;
                cancelRetry(r);
                if (r.state != ServiceState.STOPPED && !order.contains(r.name())) {
                    order.add(r.name()); // still starting, waiting or failed: abandoned, so it cleans up after itself
                }
            });
        }
        for (String name : order) {
            await(stopAsync(name, ServiceState.STOPPED, null), name);
        }
    }

    // ---- configuration --------------------------------------------------------------------

    /**
     * Makes the registry run {@code config}: new services are added (and started when
     * autolaunched), gone ones stopped and dropped, changed ones restarted if they ran, the
     * rest left untouched. The records change at once; the returned summary completes once
     * the starts and stops have settled.
     */
    public CompletableFuture<String> apply(LabConfig config) {
        List<CompletableFuture<Outcome>> work = new ArrayList<>();
        List<String> added = new ArrayList<>(), gone = new ArrayList<>(), changed = new ArrayList<>();
        synchronized (this) {
            current = config;
            autolaunch = config.autolaunch().services();
            for (String name : new ArrayList<>(records.keySet())) {
                if (!config.services().containsKey(name)) {
                    gone.add(name);
                }
            }
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
            for (String name : gone) {
                next.put(name, records.get(name)); // kept until stopped
            }
            records.clear();
            records.putAll(next);
        }
        for (String name : gone) {
            work.add(stopAsync(name, ServiceState.STOPPED, null).thenApply(o -> {
                synchronized (this) {
                    records.remove(name);
                }
                return o;
            }));
        }
        for (String name : changed) {
            work.add(restartChanged(name, config.services().get(name)));
        }
        for (String name : autolaunch) {
            if (added.contains(name)) {
                work.add(startAsync(name, false));
            }
        }
        remote.configure(config);
        String summary = "Reloaded: " + added.size() + " new, " + gone.size() + " gone, " + changed.size() + " changed, "
                + (config.services().size() - added.size() - changed.size()) + " unchanged.";
        return CompletableFuture.allOf(work.toArray(new CompletableFuture<?>[0])).thenApply(done -> summary);
    }

    private CompletableFuture<Outcome> restartChanged(String name, ServiceSpec spec) {
        boolean wasActive;
        synchronized (this) {
            ServiceRecord record = records.get(name);
            wasActive = record.state != ServiceState.STOPPED;
        }
        CompletableFuture<Outcome> stopped = wasActive ? stopAsync(name, ServiceState.STOPPED, null)
                : CompletableFuture.completedFuture(new Outcome(true, ""));
        return stopped.thenCompose(o -> {
            synchronized (this) {
                records.get(name).spec = spec;
            }
            return wasActive ? startAsync(name, true) : CompletableFuture.completedFuture(o);
        });
    }

    // ---- Services --------------------------------------------------------------------------

    @Override
    public List<ServiceDTO> list() {
        List<ServiceDTO> rows;
        synchronized (this) {
            rows = records.values().stream().map(this::dto).collect(Collectors.toList());
        }
        remote.complete(rows);
        return rows;
    }

    @Override
    public synchronized ServiceDTO get(String name) {
        return dto(require(name));
    }

    @Override
    public String start(String name) {
        RemoteAccess access = remoteEntry(name);
        if (access != null) {
            return access.start(name);
        }
        synchronized (this) {
            ServiceRecord record = require(name);
            if (record.state == ServiceState.RUNNING) {
                return name + " is already running (since " + record.started + ")";
            }
        }
        return result(await(startAsync(name, true), name));
    }

    @Override
    public String stop(String name) {
        RemoteAccess access = remoteEntry(name);
        if (access != null) {
            return access.stop(name);
        }
        synchronized (this) {
            require(name);
        }
        return result(await(stopAsync(name, ServiceState.STOPPED, null), name));
    }

    @Override
    public String restart(String name) {
        RemoteAccess access = remoteEntry(name);
        if (access != null) {
            access.stop(name);
            return access.start(name);
        }
        synchronized (this) {
            require(name);
        }
        await(stopAsync(name, ServiceState.STOPPED, null), name);
        return result(await(startAsync(name, true), name));
    }

    @Override
    public List<DriverDTO> drivers() {
        List<DriverDTO> list = new ArrayList<>();
        for (DriverEntry e : catalog.all()) {
            list.add(DriverInfo.dto(e));
        }
        catalog.problems().forEach(p -> list.add(DriverInfo.problem(p.getKey(), p.getValue())));
        return list;
    }

    @Override
    public List<ServiceDTO> autolaunchFailures(Duration limit) {
        long deadline = System.currentTimeMillis() + limit.toMillis();
        while (true) {
            List<ServiceDTO> unsettled = new ArrayList<>(), failed = new ArrayList<>();
            synchronized (this) {
                for (String name : autolaunch) {
                    ServiceRecord r = records.get(name);
                    if (r == null || r.state == ServiceState.RUNNING) {
                        continue;
                    }
                    (r.state == ServiceState.STARTING ? unsettled : failed).add(dto(r));
                }
            }
            if (unsettled.isEmpty() || System.currentTimeMillis() > deadline) {
                failed.addAll(unsettled);
                return failed;
            }
            sleep(50);
        }
    }

    @Override
    public Object call(String name, String method, List<Object> args) throws Exception {
        org.pyrolab.api.Driver driver;
        long timeout;
        synchronized (this) {
            ServiceRecord r = require(name);
            if (r.state != ServiceState.RUNNING) {
                throw new IllegalStateException(name + " is not running (" + r.state + ")");
            }
            driver = r.running;
            timeout = Math.max(r.timeoutMillis(), 30_000);
        }
        try {
            return calls.bounded(method, () -> LocalCall.invoke(driver, method, args), timeout);
        } catch (DriverCalls.Timeout e) {
            throw new IllegalStateException(name + "." + e.getMessage());
        }
    }

    /** The remote access that owns {@code name} when it is an endpoint or nameserver and no service, else null. */
    private RemoteAccess remoteEntry(String name) {
        synchronized (this) {
            if (records.containsKey(name)) {
                return null;
            }
        }
        return remote.owner(name);
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

    private void withdraw(String name) {
        workers.execute(() -> lifecycle.releaseExtras(name));
        try {
            remote.withdraw(name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not withdraw " + name + ": " + e.getMessage());
        }
    }

    // ---- transitions -------------------------------------------------------------------------

    /** Starts a service unless it runs already; {@code byHand} clears its restart counts. */
    CompletableFuture<Outcome> startAsync(String name, boolean byHand) {
        synchronized (this) {
            ServiceRecord r = records.get(name);
            if (r == null) {
                return CompletableFuture.completedFuture(new Outcome(false, "there is no service " + name));
            }
            if (r.state == ServiceState.RUNNING) {
                return CompletableFuture.completedFuture(new Outcome(true, name + " is already running"));
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
    }

    private CompletableFuture<Outcome> beginStart(ServiceRecord r) {
        DriverEntry driver = catalog.find(r.spec.driver()).orElse(null);
        if (driver == null) {
            r.state = ServiceState.WAITING;
            r.reason = "driver " + r.spec.driver() + " is not installed";
            return CompletableFuture.completedFuture(new Outcome(true, r.name() + " waits for driver " + r.spec.driver()
                    + ", which no installed bundle offers; it starts when one is installed"));
        }
        r.state = ServiceState.STARTING;
        r.reason = null;
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
        return true;
    }

    synchronized void startFailed(String name, long generation, String reason, boolean retry) {
        ServiceRecord r = records.get(name);
        if (r != null && r.generation == generation) {
            fail(r, reason, retry);
        }
    }

    /** The driver reported its instrument lost, or a ping failed. */
    void runtimeFailure(String name, long generation, String reason) {
        Lifecycle.Running running;
        synchronized (this) {
            ServiceRecord r = records.get(name);
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

    /** Stops a service; it ends {@code finalState} (STOPPED, or WAITING when its driver left). */
    CompletableFuture<Outcome> stopAsync(String name, ServiceState finalState, String reason) {
        Lifecycle.Running running;
        long generation;
        CompletableFuture<Outcome> pending;
        synchronized (this) {
            ServiceRecord r = records.get(name);
            if (r == null) {
                return CompletableFuture.completedFuture(new Outcome(false, "there is no service " + name));
            }
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
                return CompletableFuture.completedFuture(new Outcome(true, wasActive ? "Stopped " + name + "." : name + " is not running."));
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
    public void driverAdded(DriverEntry driver) {
        synchronized (this) {
            for (ServiceRecord r : records.values()) {
                if (r.wanted && r.state == ServiceState.WAITING && r.spec.driver().equals(driver.id())) {
                    r.restarts = 0;
                    r.streak = 0;
                    beginStart(r);
                }
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
        stops.forEach(f -> await(f, driver.id()));
    }

    // ---- health --------------------------------------------------------------------------------

    /** A health ping to make: which attempt of which service, on which driver object. */
    private record Ping(String name, long generation, org.pyrolab.api.Driver driver, long timeoutMs) {
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

    // ---- helpers -------------------------------------------------------------------------------

    private ServiceRecord require(String name) {
        ServiceRecord r = records.get(name);
        if (r == null) {
            throw new IllegalArgumentException("there is no service `" + name + "`" + (records.isEmpty() ? "; the configuration has none"
                    : "; configured: " + String.join(", ", records.keySet())));
        }
        return r;
    }

    private ServiceDTO dto(ServiceRecord r) {
        ServiceDTO dto = new ServiceDTO();
        dto.kind = "service";
        dto.name = r.name();
        dto.state = r.state.name();
        dto.driver = r.spec.driver();
        // the driver this instance runs on, or else the one that would run it now
        boolean active = r.state == ServiceState.RUNNING || r.state == ServiceState.STARTING || r.state == ServiceState.STOPPING;
        DriverEntry driver = active && r.driver != null ? r.driver : catalog.find(r.spec.driver()).orElse(null);
        if (driver != null) {
            dto.bundle = driver.bundleName();
            dto.version = driver.bundleVersion();
        }
        dto.restarts = r.restarts;
        dto.reason = r.reason;
        dto.description = r.spec.description();
        if (r.started != null) {
            dto.started = r.started.toString();
            dto.uptimeSeconds = Duration.between(r.started, Instant.now()).getSeconds();
        }
        dto.nextRestart = r.nextRestart == null ? null : r.nextRestart.toString();
        return dto;
    }

    private static String result(Outcome outcome) {
        if (!outcome.ok()) {
            throw new IllegalStateException(outcome.message());
        }
        return outcome.message();
    }

    /** Waits for an outcome; the driver calls inside are bounded, so this is too. */
    private static Outcome await(CompletableFuture<Outcome> future, String what) {
        try {
            return future.get(5, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            return new Outcome(false, what + " did not settle");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, what + ": interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome(false, what + ": " + e.getCause());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
