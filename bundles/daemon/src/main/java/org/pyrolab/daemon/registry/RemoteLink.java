package org.pyrolab.daemon.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.TlsDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.lab.LockHolder;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.EndpointSpec;
import org.pyrolab.daemon.config.LabConfig.NameServerSpec;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;
import org.pyrolab.daemon.config.LabConfig.TlsSpec;

/**
 * The registry's side of network access. The remote bundle is optional and may come and go, so
 * every use reads the current {@link RemoteAccess} once and does nothing when there is none.
 */
final class RemoteLink {
    private volatile RemoteAccess access;

    void bind(RemoteAccess remote) {
        access = remote;
    }

    void unbind(RemoteAccess remote) {
        if (access == remote) {
            access = null;
        }
    }

    /** Tells remote access which endpoints and nameservers the configuration has. */
    void configure(LabConfig config) {
        RemoteAccess remote = access;
        if (remote != null) {
            remote.configure(endpoints(config), nameservers(config));
        }
    }

    /** The remote access that owns {@code name} when it is an endpoint or nameserver, else null. */
    RemoteAccess owner(String name) {
        RemoteAccess remote = access;
        return remote != null && remote.has(name) ? remote : null;
    }

    /** Serves a running service; {@code create}/{@code release} make and end extra instances (session, percall). */
    void expose(ServiceSpec spec, Object instance, Supplier<Object> create, Consumer<Object> release) {
        RemoteAccess remote = access;
        if (remote != null) {
            remote.expose(service(spec), instance, create, release);
        }
    }

    void withdraw(String name) {
        RemoteAccess remote = access;
        if (remote != null) {
            remote.withdraw(name);
        }
    }

    /** Adds lock holders and addresses to service rows, and the endpoint and nameserver rows. */
    void complete(List<ServiceDTO> rows) {
        RemoteAccess remote = access;
        if (remote == null) {
            return;
        }
        rows.forEach(r -> {
            LockHolder holder = remote.lockHolder(r.name);
            r.lockHolder = holder == null ? null : holder.describe();
            r.address = remote.address(r.name);
        });
        rows.addAll(remote.entries());
    }

    /** What starting or stopping an endpoint or nameserver did, as the registry answers it for services too. */
    static ServiceChange change(RemoteChange c) {
        ServiceKind kind = switch (c.kind()) {
            case ENDPOINT -> ServiceKind.ENDPOINT;
            case NAMESERVER -> ServiceKind.NAMESERVER;
        };
        ServiceChange.Change change = switch (c.change()) {
            case STARTED -> ServiceChange.Change.STARTED;
            case ALREADY_RUNNING -> ServiceChange.Change.ALREADY_RUNNING;
            case STOPPED -> ServiceChange.Change.STOPPED;
            case NOT_RUNNING -> ServiceChange.Change.NOT_RUNNING;
        };
        return new ServiceChange(kind, c.name(), change, null, null, c.address());
    }

    private static List<EndpointDTO> endpoints(LabConfig config) {
        List<EndpointDTO> endpoints = new ArrayList<>();
        for (EndpointSpec e : config.endpoints().values()) {
            EndpointDTO dto = new EndpointDTO();
            dto.name = e.name();
            dto.host = e.host();
            dto.port = e.port();
            dto.nameservers = e.nameservers();
            dto.maxConnections = e.maxConnections();
            dto.maxMessageSize = e.maxMessageSize();
            dto.messageDeadlineSeconds = e.messageDeadlineSeconds();
            dto.allow = e.allow();
            dto.secretFile = e.secretFile();
            dto.remoteTracebacks = e.remoteTracebacks();
            dto.tls = tls(e.tls());
            dto.advertise = e.advertise();
            dto.autostart = config.autolaunch().endpoints().contains(e.name())
                    || config.services().values().stream().anyMatch(s -> e.name().equals(s.endpoint()) && config.autolaunch().services().contains(s.name()));
            endpoints.add(dto);
        }
        return endpoints;
    }

    private static List<NameServerDTO> nameservers(LabConfig config) {
        List<NameServerDTO> nameservers = new ArrayList<>();
        for (NameServerSpec n : config.nameservers().values()) {
            NameServerDTO dto = new NameServerDTO();
            dto.name = n.name();
            dto.host = n.host();
            dto.port = n.port();
            dto.broadcast = n.broadcast();
            dto.broadcastPort = n.broadcastPort();
            dto.autocleanSeconds = n.autocleanSeconds();
            dto.storage = n.storage();
            dto.maxEntries = n.maxEntries();
            dto.allow = n.allow();
            dto.secretFile = n.secretFile();
            dto.tls = tls(n.tls());
            dto.advertise = n.advertise();
            dto.autostart = config.autolaunch().nameservers().contains(n.name());
            nameservers.add(dto);
        }
        return nameservers;
    }

    private static TlsDTO tls(TlsSpec spec) {
        if (spec == null) {
            return null;
        }
        TlsDTO dto = new TlsDTO();
        dto.cert = spec.cert();
        dto.key = spec.key();
        dto.ca = spec.ca();
        dto.requireClientCert = spec.requireClientCert();
        return dto;
    }

    private static RemoteServiceDTO service(ServiceSpec spec) {
        RemoteServiceDTO dto = new RemoteServiceDTO();
        dto.name = spec.name();
        dto.description = spec.description();
        dto.endpoint = spec.endpoint();
        dto.nameservers = spec.nameservers();
        dto.instanceMode = spec.instanceMode();
        dto.leaseSeconds = spec.leaseSeconds();
        dto.callTimeoutSeconds = spec.callTimeoutSeconds();
        return dto;
    }
}
