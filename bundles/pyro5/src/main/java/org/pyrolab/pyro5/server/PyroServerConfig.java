package org.pyrolab.pyro5.server;

import java.time.Duration;

import org.pyrolab.pyro5.tls.ServerTls;

/**
 * Settings of one {@link PyroServer}. Start from {@link #defaults()} and change what you need with
 * the {@code with...} methods.
 *
 * @param host            address to bind; loopback by default, {@code 0.0.0.0} for the lab network
 * @param port            TCP port; 0 picks a free one
 * @param advertisedHost  host written into URIs, or null for the bound host (the machine's address
 *                        when bound to a wildcard)
 * @param maxMessageSize  limit for payload plus annotations, both ways, also after decompression
 * @param maxConnections  connections open at once; when full, the connection that has waited
 *                        longest for its client is closed to make room
 * @param tracebacks      send the Java stack as {@code _pyroTraceback}, and Java class names in
 *                        messages, with exceptions: a debugging aid, off by default (remote callers
 *                        see no internals)
 * @param idleTimeout     close a connection silent this long; zero for never (Pyro's default)
 * @param messageDeadline a message must arrive whole this long after its first byte
 * @param callTimeout     how long a call may run before its client gets a TimeoutError (objects
 *                        may set their own); zero for no limit
 * @param allow           peer addresses accepted; others are closed at accept. Null accepts
 *                        everyone (the engine's default; PyroLab's configuration defaults to loopback)
 * @param secret          the lab secret a CONNECT's handshake must carry, or null for none
 * @param tls             TLS from the first byte (Pyro5's SSL mode), or null for plain TCP
 */
public record PyroServerConfig(String host, int port, String advertisedHost, int maxMessageSize,
                               int maxConnections, boolean tracebacks, Duration idleTimeout,
                               Duration messageDeadline, Duration callTimeout, AllowList allow,
                               LabSecret secret, ServerTls tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /**
     * 16 MiB, not Pyro5's 1 GiB: the daemon's heap must hold several messages at once, and lab
     * values (a waveform, a camera frame) fit with room to spare.
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 << 20;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final Duration DEFAULT_MESSAGE_DEADLINE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

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
        requireNotNegative("idleTimeout", idleTimeout);
        requireNotNegative("callTimeout", callTimeout);
        requireNotNegative("messageDeadline", messageDeadline);
        if (messageDeadline.isZero()) {
            throw new IllegalArgumentException("messageDeadline must be positive");
        }
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    private static void requireNotNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }

    public static PyroServerConfig defaults() {
        return new PyroServerConfig(DEFAULT_HOST, 0, null, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_CONNECTIONS,
                false, Duration.ZERO, DEFAULT_MESSAGE_DEADLINE, DEFAULT_CALL_TIMEOUT, null, null, null);
    }

    public PyroServerConfig withHost(String h) {
        return new PyroServerConfig(h, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withPort(int p) {
        return new PyroServerConfig(host, p, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withAdvertisedHost(String h) {
        return new PyroServerConfig(host, port, h, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withMaxMessageSize(int size) {
        return new PyroServerConfig(host, port, advertisedHost, size, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withMaxConnections(int n) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, n, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withTracebacks(boolean on) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, on, idleTimeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withIdleTimeout(Duration timeout) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, timeout, messageDeadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withMessageDeadline(Duration deadline) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, deadline, callTimeout, allow, secret, tls);
    }

    public PyroServerConfig withCallTimeout(Duration timeout) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, timeout, allow, secret, tls);
    }

    /** Accepts connections only from these addresses; null for everyone. */
    public PyroServerConfig withAllow(AllowList a) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, a, secret, tls);
    }

    /** A CONNECT must carry this secret (the name server lets it through and guards writes); null for none. */
    public PyroServerConfig withSecret(LabSecret s) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, s, tls);
    }

    /** TLS from the first byte with these settings, or plain TCP for null. */
    public PyroServerConfig withTls(ServerTls settings) {
        return new PyroServerConfig(host, port, advertisedHost, maxMessageSize, maxConnections, tracebacks, idleTimeout, messageDeadline, callTimeout, allow, secret, settings);
    }
}
