package org.pyrolab.pyro5.ns;

import java.time.Duration;

import org.pyrolab.pyro5.server.PyroServerConfig;

/**
 * Settings of a {@link NameServerHost}.
 *
 * @param server         the endpoint the name server listens on (Pyro's default port is 9090)
 * @param broadcast      answer {@code GET_NSURI} broadcasts; never on a loopback-only bind
 * @param broadcastPort  UDP port of the broadcast responder, 9091 by default
 * @param autoclean      how often to drop entries whose endpoint stopped answering; zero for never
 * @param probeTimeout   how long to wait for an endpoint when checking that it still answers
 * @param maxEntries     how many names peers may register ({@code Pyro.NameServer}'s own entry
 *                       is not counted); a new name beyond it is refused, see {@link #DEFAULT_MAX_ENTRIES}
 */
public record NameServerConfig(PyroServerConfig server, boolean broadcast, int broadcastPort,
                               Duration autoclean, Duration probeTimeout, int maxEntries) {

    public static final int DEFAULT_PORT = 9090;
    public static final int DEFAULT_BROADCAST_PORT = 9091;
    /**
     * 10,000 names: a lab registers tens or hundreds, so this leaves two orders of magnitude of
     * room, while a peer that registers in a loop (the name server takes anyone's registrations)
     * cannot grow the daemon's heap, the file store or the cost of {@code list()} without bound.
     * Raise it with {@code max_entries} when a lab really has more.
     */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

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
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
    }

    /**
     * Loopback, port 9090, broadcast on (it only starts on a non-loopback bind), no autoclean,
     * at most {@link #DEFAULT_MAX_ENTRIES} names.
     */
    public static NameServerConfig defaults() {
        return new NameServerConfig(PyroServerConfig.defaults().withPort(DEFAULT_PORT), true,
                DEFAULT_BROADCAST_PORT, Duration.ZERO, Duration.ofSeconds(1), DEFAULT_MAX_ENTRIES);
    }

    public NameServerConfig withServer(PyroServerConfig s) {
        return new NameServerConfig(s, broadcast, broadcastPort, autoclean, probeTimeout, maxEntries);
    }

    public NameServerConfig withBroadcast(boolean on, int port) {
        return new NameServerConfig(server, on, port, autoclean, probeTimeout, maxEntries);
    }

    public NameServerConfig withAutoclean(Duration interval) {
        return new NameServerConfig(server, broadcast, broadcastPort, interval, probeTimeout, maxEntries);
    }

    public NameServerConfig withProbeTimeout(Duration timeout) {
        return new NameServerConfig(server, broadcast, broadcastPort, autoclean, timeout, maxEntries);
    }

    /** At most {@code max} names registered by peers; a new name beyond it is refused. */
    public NameServerConfig withMaxEntries(int max) {
        return new NameServerConfig(server, broadcast, broadcastPort, autoclean, probeTimeout, max);
    }
}
