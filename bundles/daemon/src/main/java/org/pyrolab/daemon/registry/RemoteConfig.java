package org.pyrolab.daemon.registry;

import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameserverDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.EndpointSpec;
import org.pyrolab.daemon.config.LabConfig.NameserverSpec;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/** The configuration's remote-access parts as the remote bundle receives them. */
final class RemoteConfig {
    private RemoteConfig() {
    }

    static void configure(RemoteAccess access, LabConfig config) {
        List<EndpointDTO> endpoints = new ArrayList<>();
        for (EndpointSpec e : config.endpoints().values()) {
            EndpointDTO dto = new EndpointDTO();
            dto.name = e.name();
            dto.host = e.host();
            dto.port = e.port();
            dto.nameservers = e.nameservers();
            dto.maxConnections = e.maxConnections();
            dto.maxMessageSize = e.maxMessageSize();
            dto.autostart = config.autolaunch().endpoints().contains(e.name())
                    || config.services().values().stream().anyMatch(s -> e.name().equals(s.endpoint()) && config.autolaunch().services().contains(s.name()));
            endpoints.add(dto);
        }
        List<NameserverDTO> nameservers = new ArrayList<>();
        for (NameserverSpec n : config.nameservers().values()) {
            NameserverDTO dto = new NameserverDTO();
            dto.name = n.name();
            dto.host = n.host();
            dto.port = n.port();
            dto.broadcast = n.broadcast();
            dto.broadcastPort = n.broadcastPort();
            dto.autocleanSeconds = n.autocleanSeconds();
            dto.storage = n.storage();
            dto.autostart = config.autolaunch().nameservers().contains(n.name());
            nameservers.add(dto);
        }
        access.configure(endpoints, nameservers);
    }

    static RemoteServiceDTO service(ServiceSpec spec) {
        RemoteServiceDTO dto = new RemoteServiceDTO();
        dto.name = spec.name();
        dto.description = spec.description();
        dto.endpoint = spec.endpoint();
        dto.nameservers = spec.nameservers();
        dto.instanceMode = spec.instanceMode();
        dto.leaseSeconds = spec.leaseSeconds();
        return dto;
    }
}
