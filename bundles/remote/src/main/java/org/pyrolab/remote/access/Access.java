package org.pyrolab.remote.access;

import java.lang.System.Logger.Level;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.invoke.CallTimeout;
import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.remote.expose.InstanceMode;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.remote.expose.Target;
import org.pyrolab.remote.expose.Targets;

/**
 * Endpoints, name servers, exposed services and their registrations, behind
 * {@code RemoteAccess}. Mutations are serialized on this object; network calls to other name
 * servers happen on the {@link Registrar}'s thread.
 */
public final class Access implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Access.class.getName());
    private record Exposure(RemoteServiceDTO service, Object instance) {
    }

    private final Path storage;
    private final String identity; // on name servers: owns the names registered (DaemonIdentity)
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, ConfiguredNameServer> nameservers = new ConcurrentHashMap<>();
    private final Map<String, Exposure> exposed = new LinkedHashMap<>();
    private final Registrar registrar = new Registrar(nameservers::get);
    private final CommandLineLocks commandLineLocks = new CommandLineLocks(this::locksOf);
    /** Memory for partly received messages, shared by every endpoint and name server of the daemon. */
    private final MemoryBudget budget = new MemoryBudget(MemoryBudget.DEFAULT_BYTES);

    /** @param storage folder of {@code file} name server storage, {@code <name>.json} each */
    public Access(Path storage) {
        this.storage = storage;
        this.identity = DaemonIdentity.loadOrCreate(storage.toAbsolutePath().getParent().resolve("identity"));
    }

    public synchronized void configure(List<EndpointDTO> newEndpoints, List<NameServerDTO> newNameservers) {
        Set<String> nsNames = new LinkedHashSet<>();
        for (NameServerDTO dto : newNameservers) {
            nsNames.add(dto.name);
            ConfiguredNameServer old = nameservers.get(dto.name);
            if (old != null && old.sameAs(dto)) {
                old.config.autostart = dto.autostart; // only this may differ: keep the running one
                if (dto.autostart && !old.running()) {
                    startQuietly(old);
                    registrar.retry(dto.name);
                }
                continue;
            }
            if (old != null) {
                old.stop();
            }
            ConfiguredNameServer ns = new ConfiguredNameServer(dto, storage.resolve(dto.name + ".json"), budget, identity);
            nameservers.put(dto.name, ns);
            if (dto.autostart || (old != null && old.running())) {
                startQuietly(ns);
            }
            registrar.retry(dto.name);
        }
        nameservers.keySet().removeIf(name -> {
            if (nsNames.contains(name)) {
                return false;
            }
            nameservers.get(name).stop();
            return true;
        });
        Set<String> epNames = new LinkedHashSet<>();
        for (EndpointDTO dto : newEndpoints) {
            epNames.add(dto.name);
            Endpoint old = endpoints.get(dto.name);
            if (old != null && old.sameAs(dto)) {
                old.config.autostart = dto.autostart;
                if (dto.autostart && !old.running()) {
                    startQuietly(old);
                }
                continue;
            }
            boolean wasRunning = old != null && old.running();
            if (old != null) {
                old.stop();
            }
            Endpoint e = old == null ? new Endpoint(dto, new Targets(), new LockManager(LockManager.DEFAULT_LEASE), budget)
                    : new Endpoint(dto, old.targets, old.locks, budget);
            endpoints.put(dto.name, e);
            if (dto.autostart || wasRunning || !e.targets.ids().isEmpty()) {
                startQuietly(e);
            }
        }
        for (String name : new ArrayList<>(endpoints.keySet())) {
            if (!epNames.contains(name)) {
                endpoints.remove(name).stop();
            }
        }
        exposed.keySet().forEach(this::announce);
    }

    /** {@code pyrolab nslist}, with the lab secret of a configured name server at that address. */
    public List<NameServerEntry> nslist(String host, int port) throws IOException {
        return NameServerListing.list(host, port, nameservers.values());
    }

    /** The shared budget of partly received messages. */
    public MemoryBudget budget() {
        return budget;
    }

    /** Pyro5 connections open now, on every endpoint and name server run here. */
    public int connections() {
        return endpoints.values().stream().mapToInt(Endpoint::connections).sum()
                + nameservers.values().stream().mapToInt(ConfiguredNameServer::connections).sum();
    }

    public boolean has(String name) {
        return endpoints.containsKey(name) || nameservers.containsKey(name);
    }

    public synchronized RemoteChange start(String name) {
        try {
            Endpoint e = endpoints.get(name);
            if (e != null) {
                RemoteChange change = e.start();
                exposed.keySet().forEach(this::announce);
                return change;
            }
            RemoteChange change = require(name).start();
            registrar.retry(name);
            return change;
        } catch (IOException x) {
            throw new IllegalStateException("Cannot start " + name + ": " + x.getMessage() + ".", x);
        }
    }

    public synchronized RemoteChange stop(String name) {
        Endpoint e = endpoints.get(name);
        if (e != null) {
            RemoteChange change = e.stop();
            exposed.keySet().forEach(this::announce);
            return change;
        }
        return require(name).stop();
    }

    private ConfiguredNameServer require(String name) {
        ConfiguredNameServer ns = nameservers.get(name);
        if (ns == null) {
            throw new IllegalArgumentException("There is no endpoint or name server `" + name + "` in the configuration.");
        }
        return ns;
    }

    public synchronized void expose(RemoteServiceDTO service, Object instance, Supplier<Object> create, Consumer<Object> release) {
        withdraw(service.name);
        exposed.put(service.name, new Exposure(service, instance));
        if (service.endpoint == null) {
            LOG.log(Level.INFO, "{0} has no `daemon:` endpoint: not reachable over the network", service.name);
            return;
        }
        Endpoint e = endpoints.get(service.endpoint);
        if (e == null) {
            throw new IllegalStateException("its endpoint `" + service.endpoint + "` is not configured");
        }
        if (service.leaseSeconds > 0) {
            e.locks.lease(service.name, Duration.ofMillis(Math.round(service.leaseSeconds * 1000)));
        }
        InstanceMode mode = service.instanceMode == null ? InstanceMode.SINGLE : InstanceMode.valueOf(service.instanceMode.toUpperCase());
        Target target = mode == InstanceMode.SINGLE ? Target.of(service.name, instance)
                : Target.made(service.name, instance.getClass(), mode, create, release);
        e.targets.add(target.callTimeout(CallTimeout.of(service.callTimeoutSeconds)));
        if (!e.running()) {
            startQuietly(e);
        }
        announce(service.name);
        if (!e.running()) {
            throw new IllegalStateException("its endpoint " + e.config.name + " does not run: " + e.row().reason);
        }
    }

    /** Puts a service's registrations in line with its endpoint: registered while it runs, removed while not. */
    private void announce(String name) {
        Exposure x = exposed.get(name);
        Endpoint e = x.service().endpoint == null ? null : endpoints.get(x.service().endpoint);
        PyroUri uri = e == null ? null : e.uri(name);
        if (uri == null) {
            registrar.drop(name);
            return;
        }
        Set<String> where = new LinkedHashSet<>();
        if (x.service().nameservers != null) {
            where.addAll(x.service().nameservers);
        }
        if (e.config.nameservers != null) {
            where.addAll(e.config.nameservers);
        }
        String description = x.service().description;
        Set<String> metadata = description == null || description.isBlank() ? Set.of() : Set.of(description);
        registrar.set(name, where, uri.toString(), metadata);
    }

    public synchronized void withdraw(String name) {
        Exposure x = exposed.remove(name);
        if (x == null) {
            return;
        }
        registrar.drop(name);
        Endpoint e = x.service().endpoint == null ? null : endpoints.get(x.service().endpoint);
        if (e != null) {
            e.targets.remove(name);
            e.locks.forceUnlock(name);
            e.locks.lease(name, null);
        }
    }

    public synchronized List<ServiceDTO> entries() {
        List<ServiceDTO> rows = new ArrayList<>();
        nameservers.values().stream().sorted((a, b) -> a.config.name.compareTo(b.config.name)).forEach(ns -> {
            ServiceDTO row = ns.row(registrar.problems(ns.config.name), registrar.registered(ns.config.name));
            if (!ns.running() && registrar.failing(ns.config.name) && row.state != ServiceState.FAILED) {
                row.state = ServiceState.WAITING;
            }
            rows.add(row);
        });
        endpoints.values().stream().sorted((a, b) -> a.config.name.compareTo(b.config.name)).map(Endpoint::row).forEach(rows::add);
        return rows;
    }

    /** The PYRO: URI a running service is served at, or null. */
    public synchronized String address(String service) {
        Exposure x = exposed.get(service);
        Endpoint e = x == null || x.service().endpoint == null ? null : endpoints.get(x.service().endpoint);
        PyroUri uri = e == null ? null : e.uri(service);
        return uri == null ? null : uri.toString();
    }

    /** Locks taken from the command line, in the lock tables of the endpoints serving the services. */
    public CommandLineLocks commandLineLocks() {
        return commandLineLocks;
    }

    private synchronized LockManager locksOf(String service, boolean required) {
        Endpoint e = endpointOf(service, required);
        return e == null ? null : e.locks;
    }

    private Endpoint endpointOf(String service, boolean required) {
        Exposure x = exposed.get(service);
        Endpoint e = x == null || x.service().endpoint == null ? null : endpoints.get(x.service().endpoint);
        if (e == null && required) {
            throw new IllegalArgumentException(x == null ? service + " is not a running service; `pyrolab ps` lists them."
                    : service + " is not served on an endpoint; give it a `daemon:` in the configuration.");
        }
        return e;
    }

    private static void startQuietly(Endpoint e) {
        try {
            e.start();
        } catch (IOException x) {
            LOG.log(Level.ERROR, "endpoint {0} failed to start: {1}", e.config.name, x.getMessage());
        }
    }

    private static void startQuietly(ConfiguredNameServer ns) {
        try {
            ns.start();
        } catch (IOException x) {
            LOG.log(Level.ERROR, "name server {0} failed to start: {1}", ns.config.name, x.getMessage());
        }
    }

    /** Unregisters from other name servers, then closes every endpoint and name server. */
    @Override
    public synchronized void close() {
        registrar.close();
        exposed.clear();
        endpoints.values().forEach(Endpoint::stop);
        nameservers.values().forEach(ConfiguredNameServer::stop);
    }
}
