package org.pyrolab.remote.access;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.remote.expose.ExposedObjects;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.remote.expose.Targets;

/**
 * One configured endpoint ({@code daemons:}): its served objects and locks outlive the
 * {@link PyroServer}, which is made anew at every start (a closed server cannot be reopened).
 */
final class Endpoint {

    private static final System.Logger LOG = System.getLogger(Endpoint.class.getName());

    final EndpointDTO config;
    final Targets targets;
    final LockManager locks;
    private final MemoryBudget budget;
    private PyroServer server;
    private Instant started;
    private String reason;

    Endpoint(EndpointDTO config, Targets targets, LockManager locks, MemoryBudget budget) {
        this.config = config;
        this.targets = targets;
        this.locks = locks;
        this.budget = budget;
    }

    synchronized int connections() {
        return server == null ? 0 : server.connectionCount();
    }

    /** Same settings: a reload leaves it alone. */
    boolean sameAs(EndpointDTO other) {
        return Objects.equals(config.host, other.host) && config.port == other.port
                && Objects.equals(config.nameservers, other.nameservers) && config.maxConnections == other.maxConnections
                && config.maxMessageSize == other.maxMessageSize
                && config.messageDeadlineSeconds == other.messageDeadlineSeconds
                && Objects.equals(config.allow, other.allow) && Objects.equals(config.secretFile, other.secretFile)
                && config.remoteTracebacks == other.remoteTracebacks && TlsSettings.same(config.tls, other.tls)
                && Objects.equals(config.advertise, other.advertise);
    }

    synchronized boolean running() {
        return server != null;
    }

    /** Binds; a failure is kept as the reason ps shows, and thrown. */
    synchronized RemoteChange start() throws IOException {
        if (server != null) {
            return new RemoteChange(RemoteChange.Kind.ENDPOINT, config.name, RemoteChange.Change.ALREADY_RUNNING, address());
        }
        PyroServerConfig c = PyroServerConfig.defaults().withHost(Hosts.bind(config.host)).withPort(config.port)
                .withAdvertisedHost(config.advertise);
        if (config.maxConnections > 0) {
            c = c.withMaxConnections(config.maxConnections);
        }
        if (config.maxMessageSize >= 1024) {
            c = c.withMaxMessageSize(config.maxMessageSize);
        }
        if (config.messageDeadlineSeconds > 0) {
            c = c.withMessageDeadline(Duration.ofMillis(Math.round(config.messageDeadlineSeconds * 1000)));
        }
        try {
            c = c.withAllow(Guard.allow(config.allow)).withSecret(Guard.secret(config.secretFile)).withTracebacks(config.remoteTracebacks);
        } catch (IOException | IllegalArgumentException e) {
            reason = e.getMessage() + " (daemons." + config.name + ")";
            throw new IOException(reason, e);
        }
        if (config.tls != null) {
            try {
                c = c.withTls(TlsSettings.server(config.tls));
            } catch (IOException e) {
                reason = "TLS: " + e.getMessage();
                throw new IOException(reason, e);
            }
        }
        PyroServer s = new PyroServer(c, new ExposedObjects(targets, locks), budget);
        try {
            s.start();
        } catch (IOException | RuntimeException e) {
            s.close();
            reason = e.getMessage() + "; choose another `port` under daemons." + config.name + " (0 picks a free one)";
            throw new IOException(reason, e);
        }
        server = s;
        started = Instant.now();
        reason = null;
        String note = Guard.loopbackOnlyNote(config.host, config.allow, "daemons." + config.name);
        if (note != null) {
            LOG.log(System.Logger.Level.WARNING, "endpoint {0} {1}", config.name, note);
        }
        return new RemoteChange(RemoteChange.Kind.ENDPOINT, config.name, RemoteChange.Change.STARTED, address());
    }

    synchronized RemoteChange stop() {
        reason = null;
        if (server == null) {
            return new RemoteChange(RemoteChange.Kind.ENDPOINT, config.name, RemoteChange.Change.NOT_RUNNING, null);
        }
        server.close();
        server = null;
        started = null;
        return new RemoteChange(RemoteChange.Kind.ENDPOINT, config.name, RemoteChange.Change.STOPPED, null);
    }

    /** The URI of a served object, or null while stopped. */
    synchronized PyroUri uri(String id) {
        return server == null ? null : server.uri(id);
    }

    private String address() {
        return server.host() + ":" + server.port();
    }

    synchronized ServiceDTO row() {
        ServiceState state = server != null ? ServiceState.RUNNING : reason != null ? ServiceState.FAILED : ServiceState.STOPPED;
        int served = targets.ids().size();
        return Hosts.row(ServiceKind.ENDPOINT, config.name, state, started, reason, server == null ? null : address(),
                "Pyro5 endpoint, " + (config.tls != null ? "TLS, " : "") + served + (served == 1 ? " service" : " services"));
    }
}
