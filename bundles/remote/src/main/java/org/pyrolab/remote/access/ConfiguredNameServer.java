package org.pyrolab.remote.access;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.pyro5.ns.FileNameStore;
import org.pyrolab.pyro5.ns.MemoryNameStore;
import org.pyrolab.pyro5.ns.NameServer;
import org.pyrolab.pyro5.ns.NameServerConfig;
import org.pyrolab.pyro5.ns.NameServerHost;
import org.pyrolab.pyro5.ns.NameStore;
import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.ns.NameEntry;
import org.pyrolab.pyro5.server.LabSecret;
import org.pyrolab.pyro5.client.PyroProbe;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.tls.ServerTls;
import org.pyrolab.pyro5.tls.TlsException;
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

    /** This daemon's identity (see {@link DaemonIdentity}): sent with registrations so that it owns its names. */
    private final String identity;

    ConfiguredNameServer(NameServerDTO config, Path storage, MemoryBudget budget, String identity) {
        this.config = config;
        this.storage = storage;
        this.budget = budget;
        this.identity = identity;
    }

    synchronized int connections() {
        return host == null ? 0 : host.server().connectionCount();
    }

    boolean sameAs(NameServerDTO other) {
        return Objects.equals(config.host, other.host) && config.port == other.port && config.broadcast == other.broadcast
                && config.broadcastPort == other.broadcastPort && config.autocleanSeconds == other.autocleanSeconds
                && Objects.equals(config.storage, other.storage) && config.maxEntries == other.maxEntries
                && Objects.equals(config.allow, other.allow) && Objects.equals(config.secretFile, other.secretFile)
                && TlsSettings.same(config.tls, other.tls) && Objects.equals(config.advertise, other.advertise);
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
                    .withAllow(Guard.allow(config.allow)).withSecret(Guard.secret(config.secretFile))
                    .withAdvertisedHost(config.advertise);
            if (config.tls != null) {
                server = server.withTls(tlsServer());
            }
            NameServerConfig c = NameServerConfig.defaults().withServer(server)
                    .withBroadcast(config.broadcast, config.broadcastPort > 0 ? config.broadcastPort : NameServerConfig.DEFAULT_BROADCAST_PORT)
                    .withAutoclean(Duration.ofMillis(Math.round(config.autocleanSeconds * 1000)))
                    .withMaxEntries(config.maxEntries > 0 ? config.maxEntries : NameServerConfig.DEFAULT_MAX_ENTRIES);
            NameServerHost h = new NameServerHost(c, store, new PyroProbe(c.probeTimeout()), budget);
            h.start();
            host = h;
        } catch (TlsException e) {
            reason = "TLS: " + e.getMessage();
            throw new IOException(reason, e);
        } catch (IOException | RuntimeException e) {
            reason = e.getMessage() + (e.getMessage() != null && e.getMessage().startsWith("cannot bind")
                    ? "; choose another `ns_port` under nameservers." + config.name + " (0 picks a free one)" : " (nameservers." + config.name + ")");
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
            h.nameServer().register(name, uri, false, metadata, true, identityDigest());
            return;
        }
        try (PyroClient client = client(true)) {
            // force with our identity: a name nobody owns (taken while we were away) comes back to us;
            // another daemon's live name is still refused
            client.call("register", name, uri, false, metadata, true);
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).startsWith("TypeError")) {
                throw e;
            }
            try (PyroClient client = client(true)) {
                client.call("register", name, uri, false, metadata); // a stock Pyro5 name server has no `force`
            }
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
        try (PyroClient client = client(true)) {
            if (String.valueOf(client.call("lookup", name)).equals(uri)) {
                client.call("remove", name);
            }
        }
    }

    /**
     * What each name points at (absent when the name server does not know it), for the registrar's
     * cheap check that its registrations are still there: one connection, a lookup per name.
     */
    Map<String, String> lookupAll(List<String> names) throws IOException {
        NameServerHost h;
        synchronized (this) {
            h = host;
        }
        Map<String, String> found = new HashMap<>();
        if (h != null) {
            for (String name : names) {
                NameEntry e = h.nameServer().store().get(name);
                if (e != null) {
                    found.put(name, e.uri());
                }
            }
            return found;
        }
        try (PyroClient client = client(false)) {
            for (String name : names) {
                try {
                    found.put(name, String.valueOf(client.call("lookup", name)));
                } catch (IOException e) {
                    if (!String.valueOf(e.getMessage()).startsWith("NamingError")) {
                        throw e;
                    }
                }
            }
        }
        return found;
    }

    /** The handshake data for reaching this name server: its secret, and for writes this daemon's identity. */
    Object handshake(boolean withIdentity) throws IOException {
        return Guard.handshake(Guard.secretText(config.secretFile), withIdentity ? identity : null);
    }

    private String identityDigest() {
        return LabSecret.identity(Map.of(LabSecret.IDENTITY_KEY, identity));
    }

    private ServerTls tlsServer() throws TlsException {
        if (config.tls.cert == null) {
            throw new TlsException("name server " + config.name + " has `tls` without `cert` and `key`: it can only be reached as a client"
                    + " (it runs on another computer); give it `cert` and `key` to run it here");
        }
        return TlsSettings.server(config.tls);
    }

    private PyroClient client(boolean withIdentity) throws IOException {
        if (config.port == 0) {
            throw new IOException("name server " + config.name + " does not run here and `ns_port: 0` gives no address to reach it at");
        }
        ClientOptions options = new ClientOptions(CLIENT_TIMEOUT_MS, null, handshake(withIdentity));
        if (config.tls != null) {
            options = options.withTls(TlsSettings.client(config.tls)); // as Pyro5's SSL=True with SSL_CACERTS, SSL_CLIENTCERT
        }
        return new PyroClient(Hosts.bind(config.host), config.port, NameServer.OBJECT_ID, options);
    }

    /**
     * Whether {@code host:port} (as {@code pyrolab nslist} was given it) is this name server: its
     * configured address, or the address it runs at here ({@code ns_port: 0} picks one; one bound
     * to all interfaces answers at every local address).
     */
    boolean reachedAt(String host, int port) {
        String asked = Hosts.bind(host);
        String bound = Hosts.bind(config.host);
        if (config.port == port && bound.equals(asked)) {
            return true;
        }
        String running = address();
        if (running == null) {
            return false;
        }
        PyroUri uri = PyroUri.parse(running);
        return uri.port() == port && (uri.host().equals(asked) || bound.equals(asked) || Hosts.wildcard(bound) && Hosts.local(asked));
    }

    /** Where it is reached: here, or host:port elsewhere. */
    String where() {
        String a = address();
        return a != null ? a : "PYRO:" + NameServer.OBJECT_ID + "@" + Hosts.bind(config.host) + ":" + config.port;
    }

    synchronized ServiceDTO row(String problems, int registered) {
        ServiceState state = host != null ? ServiceState.RUNNING : reason != null ? ServiceState.FAILED : ServiceState.STOPPED;
        String tls = config.tls != null ? "TLS, " : "";
        String description = host != null ? "Pyro5 name server, " + tls + host.nameServer().count() + " names, " + config.storage + " storage"
                : "Pyro5 name server not run by this daemon; " + tls + registered + " of its services registered there";
        return Hosts.row(ServiceKind.NAMESERVER, config.name, state, started, reason != null ? reason : problems,
                host != null ? address() : where(), description);
    }
}
