package org.pyrolab.remote.ns;

import java.time.Duration;

import org.pyrolab.remote.server.PyroServerConfig;

/**
 * Settings of a {@link NameServerHost}.
 *
 * @param server         the endpoint the name server listens on (Pyro's default port is 9090)
 * @param broadcast      answer {@code GET_NSURI} broadcasts; never on a loopback-only bind
 * @param broadcastPort  UDP port of the broadcast responder, 9091 by default
 * @param autoclean      how often to drop entries whose endpoint stopped answering; zero for never
 * @param probeTimeout   how long to wait for an endpoint when checking that it still answers
 */
public record NameServerConfig(PyroServerConfig server, boolean broadcast, int broadcastPort,
                               Duration autoclean, Duration probeTimeout) {

    public static final int DEFAULT_PORT = 9090;
    public static final int DEFAULT_BROADCAST_PORT = 9091;

    public NameServerConfig {
        if (broadcastPort < 0 || broadcastPort > 65535) {
            throw new IllegalArgumentException("broadcastPort out of range: " + broadcastPort);
        }
        if (autoclean == null || autoclean.isNegative()) {
            throw new IllegalArgumentException("autoclean must not be negative: " + autoclean);
        }
        if (probeTimeout == null || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("probeTimeout must be positive: " + probeTimeout);
        }
    }

    /** Loopback, port 9090, broadcast on (it only starts on a non-loopback bind), no autoclean. */
    public static NameServerConfig defaults() {
        return new NameServerConfig(PyroServerConfig.defaults().withPort(DEFAULT_PORT), true,
                DEFAULT_BROADCAST_PORT, Duration.ZERO, Duration.ofSeconds(1));
    }

    public NameServerConfig withServer(PyroServerConfig s) {
        return new NameServerConfig(s, broadcast, broadcastPort, autoclean, probeTimeout);
    }

    public NameServerConfig withBroadcast(boolean on, int port) {
        return new NameServerConfig(server, on, port, autoclean, probeTimeout);
    }

    public NameServerConfig withAutoclean(Duration interval) {
        return new NameServerConfig(server, broadcast, broadcastPort, interval, probeTimeout);
    }

    public NameServerConfig withProbeTimeout(Duration timeout) {
        return new NameServerConfig(server, broadcast, broadcastPort, autoclean, timeout);
    }
}
