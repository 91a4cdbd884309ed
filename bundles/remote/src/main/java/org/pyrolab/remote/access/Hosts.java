package org.pyrolab.remote.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
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

    /** {@code 0.0.0.0} or {@code ::}: bound to every interface. */
    static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** Whether {@code host} is an address of this computer (looked up once; a name that does not resolve is not). */
    static boolean local(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            return false;
        }
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
