package org.pyrolab.remote.server;

import java.time.Duration;

/**
 * Settings of one {@link PyroServer} (a PyroLab endpoint). Start from {@link #defaults()} and
 * change what you need with the {@code with...} methods.
 *
 * @param host           address to bind; loopback by default, {@code 0.0.0.0} for the lab network
 * @param port           TCP port; 0 picks a free one
 * @param advertisedHost host written into URIs, or null for the bound host (the machine's
 *                       address when bound to a wildcard)
 * @param maxMessageSize limit for payload plus annotations, both ways; larger messages close the
 *                       connection
 * @param maxConnections connections served at once; more get a CONNECTFAIL
 * @param lockLease      a lock ends after this long without a call from its holder
 * @param tracebacks     send the Java stack as {@code _pyroTraceback} with exceptions
 * @param idleTimeout    close a connection silent this long; zero for never (Pyro's default)
 */
public record PyroServerConfig(String host, int port, String advertisedHost, int maxMessageSize,
                               int maxConnections, Duration lockLease, boolean tracebacks,
                               Duration idleTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofMinutes(5);

    public PyroServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes: " + maxMessageSize);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        if (lockLease == null || lockLease.isNegative() || lockLease.isZero()) {
            throw new IllegalArgumentException("lockLease must be positive: " + lockLease);
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative: " + idleTimeout);
        }
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    public static PyroServerConfig defaults() {
        return new PyroServerConfig(DEFAULT_HOST, 0, null, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_LOCK_LEASE, true, Duration.ZERO);
    }

    public PyroServerConfig withHost(String h) {
        return new PyroServerConfig(h, port, advertisedHost, maxMessageSize, maxConnections, lockLease, tracebacks, idleTimeout);
    }

    public PyroServerConfig withPort(int p) {
        return new PyroServerConfig(host, p, advertisedHost, maxMessageSize, maxConnections, lockLease, tracebacks, idleTimeout);
    }

    public PyroServerConfig withAdvertisedHost(String h) {
        return new PyroServerConfig(host, port, h, maxMessageSize, maxConnections, lockLease, tracebacks, idleTimeout);
    }

    public PyroServerConfig withMaxMessageSize(int size) {
        return new PyroServerConfig(host, port, advertisedHost, size, maxConnections, lockLease, tracebacks, idleTimeout);
    }

    public PyroServerConfig withMaxConnections(int n) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, n, lockLease, tracebacks, idleTimeout);
    }

    public PyroServerConfig withLockLease(Duration lease) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, lease, tracebacks, idleTimeout);
    }

    public PyroServerConfig withTracebacks(boolean on) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, lockLease, on, idleTimeout);
    }

    public PyroServerConfig withIdleTimeout(Duration timeout) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, lockLease, tracebacks, timeout);
    }
}
