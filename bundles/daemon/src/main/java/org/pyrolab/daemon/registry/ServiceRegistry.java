package org.pyrolab.daemon.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pyrolab.api.Driver;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.Services;
import org.pyrolab.api.lab.ServicesListener;
import org.pyrolab.daemon.config.ConfigTarget;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;
import org.pyrolab.daemon.deploy.DeployState;
import org.pyrolab.invoke.CallGuard;
import org.pyrolab.invoke.CallTimeout;

/**
 * The registry of configured services, as the commands and the configuration see it: applies a
 * configuration as a difference, answers {@code ps}, starts and stops by name (services here,
 * endpoints and nameservers through remote access). The state machine behind it is
 * {@link Transitions}, run by the {@link Supervisor}.
 */
@Component(service = {Services.class, ConfigTarget.Runner.class})
public class ServiceRegistry implements Services, ConfigTarget.Runner {
    private final BundleContext context;
    private final DriverCatalog catalog;
    private final DeployState deployer;
    private final RemoteLink remote = new RemoteLink();
    private final Supervisor supervisor;
    private volatile LabConfig current = LabConfig.empty();
    /** Completed, and replaced, by every bundle event: deploy-directory drivers arriving wake autolaunch waiters. */
    private volatile CompletableFuture<Void> bundlesChanged = new CompletableFuture<>();
    /** The whiteboard of {@link ServicesListener}s (the web page's event stream). */
    private final List<ServicesListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * The framework is going down (down, SIGTERM, Ctrl-C): stop every service in reverse start
     * order first, before the framework stops driver bundles in its own order.
     */
    private final SynchronousBundleListener frameworkStopping;

    @Activate
    public ServiceRegistry(BundleContext context, @Reference DriverCatalog catalog, @Reference ServiceLogs logs,
            @Reference DeployState deployer) {
        this.context = context;
        this.catalog = catalog;
        this.deployer = deployer;
        this.supervisor = new Supervisor(catalog, logs, remote);
        this.frameworkStopping = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                supervisor.stopAll();
            }
            CompletableFuture<Void> done = bundlesChanged;
            bundlesChanged = new CompletableFuture<>();
            done.complete(null);
        };
        catalog.addListener(supervisor);
        context.addBundleListener(frameworkStopping);
        supervisor.onChange(this::tellListeners);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ServicesListener listener) {
        listeners.add(listener);
    }

    void removeListener(ServicesListener listener) {
        listeners.remove(listener);
    }

    private void tellListeners() {
        for (ServicesListener l : listeners) {
            try {
                l.changed();
            } catch (RuntimeException e) {
                System.getLogger("org.pyrolab.daemon.registry").log(System.Logger.Level.WARNING, "a ServicesListener failed", e);
            }
        }
    }

    /** The instrument locks, from remote access; without it nothing is locked. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, target = "(pyrolab.guard=command-line)")
    private volatile CallGuard guard;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRemote(RemoteAccess access) {
        remote.bind(access);
        remote.configure(current);
        supervisor.runningNames().forEach(supervisor::announce);
    }

    void unbindRemote(RemoteAccess access) {
        remote.unbind(access);
    }

    @Deactivate
    void close() {
        context.removeBundleListener(frameworkStopping);
        catalog.removeListener(supervisor);
        supervisor.close();
    }

    /**
     * Makes the registry run {@code config}: new services are added (and started when
     * autolaunched), gone ones stopped and dropped, changed ones restarted if they ran, the
     * rest left untouched. The records change at once; the returned summary completes once
     * the starts and stops have settled.
     */
    @Override
    public CompletableFuture<String> apply(LabConfig config) {
        current = config;
        Answer.Changes changes = supervisor.replace(config);
        List<CompletableFuture<Outcome>> work = new ArrayList<>();
        for (String name : changes.gone()) {
            work.add(supervisor.stopAsync(name, ServiceState.STOPPED, null).thenApply(o -> {
                supervisor.forget(name);
                return o;
            }));
        }
        for (String name : changes.changed()) {
            work.add(restartChanged(name, config.services().get(name)));
        }
        for (String name : config.autolaunch().services()) {
            if (changes.added().contains(name)) {
                work.add(supervisor.startAsync(name, false));
            }
        }
        remote.configure(config);
        int unchanged = config.services().size() - changes.added().size() - changes.changed().size();
        String summary = "Reloaded: " + changes.added().size() + " new, " + changes.gone().size() + " gone, "
                + changes.changed().size() + " changed, " + unchanged + " unchanged.";
        return CompletableFuture.allOf(work.toArray(new CompletableFuture<?>[0])).thenApply(done -> summary);
    }

    /** A changed service that was active runs again on its new settings; an inactive one just takes them. */
    private CompletableFuture<Outcome> restartChanged(String name, ServiceSpec spec) {
        boolean wasActive = supervisor.active(name);
        CompletableFuture<Outcome> stopped = wasActive ? supervisor.stopAsync(name, ServiceState.STOPPED, null) : CompletableFuture.completedFuture(Outcome.NONE);
        return stopped.thenCompose(o -> {
            supervisor.respec(name, spec);
            return wasActive ? supervisor.startAsync(name, true) : CompletableFuture.completedFuture(o);
        });
    }

    @Override
    public List<ServiceDTO> list() {
        List<ServiceDTO> rows = supervisor.rows(null);
        remote.complete(rows);
        return rows;
    }

    @Override
    public ServiceDTO get(String name) {
        return supervisor.row(name);
    }

    @Override
    public ServiceChange start(String name) {
        RemoteAccess endpoint = remoteEntry(name);
        if (endpoint != null) {
            return RemoteLink.change(endpoint.start(name));
        }
        return Outcome.await(supervisor.startAsync(name, true), name).orThrow();
    }

    @Override
    public ServiceChange stop(String name) {
        RemoteAccess endpoint = remoteEntry(name);
        if (endpoint != null) {
            return RemoteLink.change(endpoint.stop(name));
        }
        return Outcome.await(supervisor.stopAsync(name, ServiceState.STOPPED, null), name).orThrow();
    }

    @Override
    public ServiceChange restart(String name) {
        RemoteAccess endpoint = remoteEntry(name);
        if (endpoint != null) {
            endpoint.stop(name);
            return RemoteLink.change(endpoint.start(name));
        }
        Outcome.await(supervisor.stopAsync(name, ServiceState.STOPPED, null), name);
        return Outcome.await(supervisor.startAsync(name, true), name).orThrow();
    }

    /** The remote access that owns {@code name} when it is an endpoint or nameserver and no service, else null. */
    private RemoteAccess remoteEntry(String name) {
        return supervisor.has(name) ? null : remote.owner(name);
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

    /**
     * Waits until no autolaunched service is STARTING, or WAITING while the deploy directory
     * still brings drivers in. Woken by the supervisor's events, by bundle events and, while the
     * deploy directory is unsettled, by its own changes (a file written, a half-copied file's
     * quiet time over); never by polling.
     */
    @Override
    public List<ServiceDTO> autolaunchFailures(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            CompletableFuture<Void> change = supervisor.nextChange(); // taken before looking: no change slips between
            CompletableFuture<Void> bundles = bundlesChanged;
            CompletableFuture<Void> deployChange = deployer.nextChange();
            List<ServiceDTO> notRunning = new ArrayList<>();
            boolean starting = false, waiting = false;
            for (ServiceDTO row : supervisor.rows(current.autolaunch().services())) {
                if (row.state != ServiceState.RUNNING) {
                    notRunning.add(row);
                    starting |= row.state == ServiceState.STARTING;
                    waiting |= row.state == ServiceState.WAITING;
                }
            }
            // at start-up the deploy directory's drivers may still be on their way in
            boolean deploying = !starting && waiting && !deployer.settled();
            long left = deadline - System.nanoTime();
            if (!starting && !deploying || left <= 0) {
                return notRunning;
            }
            CompletableFuture<?> wake = !deploying ? change : CompletableFuture.anyOf(change, bundles, deployChange);
            try {
                wake.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // the deadline: the next round reports what is not running
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notRunning;
            }
        }
    }

    /**
     * Calls as a Pyro5 client's call would be: the same conversions, the same lock (when remote
     * access runs) and the service's {@code call_timeout}.
     */
    @Override
    public Object call(String name, String method, List<Object> args) throws Exception {
        Driver driver = supervisor.running(name).getKey();
        ServiceSpec spec = current.services().get(name);
        Duration limit = CallTimeout.of(spec == null ? CallTimeout.DEFAULT_SECONDS : spec.callTimeoutSeconds());
        CallGuard lock = guard;
        try {
            return supervisor.calls.bounded(method, () -> LocalCall.invoke(driver, name, method, args, lock == null ? CallGuard.NONE : lock),
                    CallTimeout.limits(limit) ? limit.toMillis() : Long.MAX_VALUE);
        } catch (DriverCalls.Timeout e) {
            throw new IllegalStateException(name + "." + e.getMessage());
        }
    }
}
