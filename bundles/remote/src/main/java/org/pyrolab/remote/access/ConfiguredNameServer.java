package org.pyrolab.remote.access;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.pyro5.ns.FileNameStore;
import org.pyrolab.pyro5.ns.MemoryNameStore;
import org.pyrolab.pyro5.ns.NameServer;
import org.pyrolab.pyro5.ns.NameServerConfig;
import org.pyrolab.pyro5.ns.NameServerHost;
import org.pyrolab.pyro5.ns.NameStore;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.client.PyroProbe;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.wire.MemoryBudget;

/**
 * One configured name server entry (not the protocol object {@link NameServer}, which it runs).
 * Run here when started; otherwise the entry names a name server
 * elsewhere (another daemon, another computer) that registrations reach over the network.
 */
final class ConfiguredNameServer {

    static final int CLIENT_TIMEOUT_MS = 3000;

    final NameServerDTO config;
    private final Path storage;
    private final MemoryBudget budget;
    private NameServerHost host;
    private Instant started;
    private String reason;

    ConfiguredNameServer(NameServerDTO config, Path storage, MemoryBudget budget) {
        this.config = config;
        this.storage = storage;
        this.budget = budget;
    }

    synchronized int connections() {
        return host == null ? 0 : host.server().connectionCount();
    }

    boolean sameAs(NameServerDTO other) {
        return Objects.equals(config.host, other.host) && config.port == other.port && config.broadcast == other.broadcast
                && config.broadcastPort == other.broadcastPort && config.autocleanSeconds == other.autocleanSeconds
                && Objects.equals(config.storage, other.storage) && config.maxEntries == other.maxEntries
                && Objects.equals(config.advertise, other.advertise);
    }

    synchronized boolean running() {
        return host != null;
    }

    synchronized RemoteChange start() throws IOException {
        if (host != null) {
            return new RemoteChange(RemoteChange.Kind.NAMESERVER, config.name, RemoteChange.Change.ALREADY_RUNNING, String.valueOf(host.uri()));
        }
        try {
            NameStore store = "file".equals(config.storage) ? new FileNameStore(storage) : new MemoryNameStore();
            PyroServerConfig server = PyroServerConfig.defaults().withHost(Hosts.bind(config.host)).withPort(config.port)
                    .withAdvertisedHost(config.advertise);
            NameServerConfig c = NameServerConfig.defaults().withServer(server)
                    .withBroadcast(config.broadcast, config.broadcastPort > 0 ? config.broadcastPort : NameServerConfig.DEFAULT_BROADCAST_PORT)
                    .withAutoclean(Duration.ofMillis(Math.round(config.autocleanSeconds * 1000)))
                    .withMaxEntries(config.maxEntries > 0 ? config.maxEntries : NameServerConfig.DEFAULT_MAX_ENTRIES);
            NameServerHost h = new NameServerHost(c, store, new PyroProbe(c.probeTimeout()), budget);
            h.start();
            host = h;
        } catch (IOException | RuntimeException e) {
            reason = e.getMessage() + "; choose another `ns_port` under nameservers." + config.name + " (0 picks a free one)";
            throw new IOException(reason, e);
        }
        started = Instant.now();
        reason = null;
        return new RemoteChange(RemoteChange.Kind.NAMESERVER, config.name, RemoteChange.Change.STARTED, String.valueOf(host.uri()));
    }

    synchronized RemoteChange stop() {
        reason = null;
        if (host == null) {
            return new RemoteChange(RemoteChange.Kind.NAMESERVER, config.name, RemoteChange.Change.NOT_RUNNING, null);
        }
        host.close();
        host = null;
        started = null;
        return new RemoteChange(RemoteChange.Kind.NAMESERVER, config.name, RemoteChange.Change.STOPPED, null);
    }

    /** {@code PYRO:Pyro.NameServer@host:port} while it runs here, else null. */
    synchronized String address() {
        return host == null ? null : host.uri().toString();
    }

    /** Registers here when this daemon runs it, else over the network at the configured host and port. */
    void register(String name, String uri, Set<String> metadata) throws IOException {
        NameServerHost h;
        synchronized (this) {
            h = host;
        }
        if (h != null) {
            h.nameServer().register(name, uri, false, metadata, false);
            return;
        }
        try (PyroClient client = client()) {
            client.call("register", name, uri, false, metadata); // four arguments: stock Pyro5 has no `force`
        }
    }

    /** Removes {@code name} if it still points at {@code uri} (someone else may have taken it since). */
    void remove(String name, String uri) throws IOException {
        NameServerHost h;
        synchronized (this) {
            h = host;
        }
        if (h != null) {
            h.nameServer().removeIfUri(name, uri);
            return;
        }
        try (PyroClient client = client()) {
            if (String.valueOf(client.call("lookup", name)).equals(uri)) {
                client.call("remove", name);
            }
        }
    }

    private PyroClient client() throws IOException {
        if (config.port == 0) {
            throw new IOException("name server " + config.name + " does not run here and `ns_port: 0` gives no address to reach it at");
        }
        return new PyroClient(Hosts.bind(config.host), config.port, NameServer.OBJECT_ID, CLIENT_TIMEOUT_MS);
    }

    /** Where it is reached: here, or host:port elsewhere. */
    String where() {
        String a = address();
        return a != null ? a : "PYRO:" + NameServer.OBJECT_ID + "@" + Hosts.bind(config.host) + ":" + config.port;
    }

    synchronized ServiceDTO row(String problems, int registered) {
        ServiceState state = host != null ? ServiceState.RUNNING : reason != null ? ServiceState.FAILED : ServiceState.STOPPED;
        String description = host != null ? "Pyro5 name server, " + host.nameServer().count() + " names, " + config.storage + " storage"
                : "Pyro5 name server not run by this daemon; " + registered + " of its services registered there";
        return Hosts.row("nameserver", config.name, state, started, reason != null ? reason : problems,
                host != null ? address() : where(), description);
    }
}
