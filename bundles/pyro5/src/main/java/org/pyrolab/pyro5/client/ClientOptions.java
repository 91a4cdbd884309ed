package org.pyrolab.pyro5.client;

import javax.net.ssl.SSLContext;

/**
 * How a {@link PyroClient} connects: its timeouts, TLS (as Pyro5's {@code SSL=True}: the whole
 * connection from its first byte, the server's certificate checked against the context's trust and
 * the host name connected to), the handshake data its CONNECT carries (Pyro5's
 * {@code proxy._pyroHandshake}; a lab secret travels here) and the largest reply it accepts.
 *
 * @param timeoutMillis     bounds connecting (TCP, TLS and the CONNECT round trip), and each reply
 *                          from its first byte to its last, so a peer that stalls mid-reply fails
 * @param tls               null for plain TCP
 * @param handshake         CONNECT's handshake value; Pyro5 clients send {@code "hello"} by default
 * @param replyWaitMillis   how long a call waits for its reply to begin; 0 waits as long as the call
 *                          takes (a PyroLab server answers a call past its {@code call_timeout} itself)
 * @param maxMessageSize    the largest reply (payload plus annotations) read, in bytes
 */
public record ClientOptions(int timeoutMillis, SSLContext tls, Object handshake, int replyWaitMillis, int maxMessageSize) {

    public static final Object DEFAULT_HANDSHAKE = "hello";
    /** The server's default {@code max_message_size}. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 << 20;

    public ClientOptions {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
        }
        if (replyWaitMillis < 0) {
            throw new IllegalArgumentException("reply wait must not be negative: " + replyWaitMillis);
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("message size limit must be positive: " + maxMessageSize);
        }
        if (handshake == null) {
            handshake = DEFAULT_HANDSHAKE;
        }
    }

    /** A call's reply must also begin within {@code timeoutMillis}: right for short administrative calls. */
    public ClientOptions(int timeoutMillis, SSLContext tls, Object handshake) {
        this(timeoutMillis, tls, handshake, timeoutMillis, DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** Plain TCP, default handshake. */
    public static ClientOptions plain(int timeoutMillis) {
        return new ClientOptions(timeoutMillis, null, DEFAULT_HANDSHAKE);
    }

    public ClientOptions withTls(SSLContext context) {
        return new ClientOptions(timeoutMillis, context, handshake, replyWaitMillis, maxMessageSize);
    }

    public ClientOptions withHandshake(Object value) {
        return new ClientOptions(timeoutMillis, tls, value, replyWaitMillis, maxMessageSize);
    }

    public ClientOptions withReplyWait(int millis) {
        return new ClientOptions(timeoutMillis, tls, handshake, millis, maxMessageSize);
    }

    public ClientOptions withMaxMessageSize(int bytes) {
        return new ClientOptions(timeoutMillis, tls, handshake, replyWaitMillis, bytes);
    }
}
