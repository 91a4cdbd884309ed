package org.pyrolab.pyro5.client;

import javax.net.ssl.SSLContext;

/**
 * How a {@link PyroClient} connects: its timeout, TLS (as Pyro5's {@code SSL=True}: the whole
 * connection from its first byte, the server's certificate checked against the context's trust and
 * the host name connected to) and the handshake data its CONNECT carries (Pyro5's
 * {@code proxy._pyroHandshake}; a lab secret travels here).
 *
 * @param timeoutMillis connect timeout, and the bound on waiting for and reading each reply
 * @param tls           null for plain TCP
 * @param handshake     CONNECT's handshake value; Pyro5 clients send {@code "hello"} by default
 */
public record ClientOptions(int timeoutMillis, SSLContext tls, Object handshake) {

    public static final Object DEFAULT_HANDSHAKE = "hello";

    public ClientOptions {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
        }
        if (handshake == null) {
            handshake = DEFAULT_HANDSHAKE;
        }
    }

    /** Plain TCP, default handshake. */
    public static ClientOptions plain(int timeoutMillis) {
        return new ClientOptions(timeoutMillis, null, DEFAULT_HANDSHAKE);
    }

    public ClientOptions withTls(SSLContext context) {
        return new ClientOptions(timeoutMillis, context, handshake);
    }

    public ClientOptions withHandshake(Object value) {
        return new ClientOptions(timeoutMillis, tls, value);
    }
}
