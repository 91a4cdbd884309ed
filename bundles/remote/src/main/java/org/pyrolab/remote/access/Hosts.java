package org.pyrolab.remote.access;

import java.time.Duration;
import java.time.Instant;

import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;

/** Small helpers shared by endpoints and name servers. */
final class Hosts {
    private Hosts() {
    }

    /** The address to bind: {@code localhost} becomes 127.0.0.1 so URIs never carry an IPv6 loopback surprise. */
    static String bind(String host) {
        return host == null || host.isBlank() || host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host;
    }

    static ServiceDTO row(ServiceKind kind, String name, ServiceState state, Instant started, String reason, String address, String description) {
        ServiceDTO dto = new ServiceDTO();
        dto.kind = kind;
        dto.name = name;
        dto.state = state;
        dto.reason = reason;
        dto.address = address;
        dto.description = description;
        if (started != null) {
            dto.started = started.toString();
            dto.uptimeSeconds = Duration.between(started, Instant.now()).getSeconds();
        }
        return dto;
    }
}
