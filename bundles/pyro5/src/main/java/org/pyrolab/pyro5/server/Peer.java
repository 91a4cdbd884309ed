package org.pyrolab.pyro5.server;

import java.security.cert.X509Certificate;

/**
 * The client at the other end of one connection. {@link PyroObjects} may attach its own session
 * state (who locked what, session instances) and finds it again on every call of that connection.
 */
public final class Peer {

    private final String id;
    private final String host;
    private volatile Object attachment;
    /** Set once, by the connection's thread, before its first message is read. */
    private volatile X509Certificate clientCertificate;

    Peer(String id, String host) {
        this.id = id;
        this.host = host;
    }

    /** Unique among the connections of this process, such as {@code c17}. */
    public String id() {
        return id;
    }

    /** The client's address. */
    public String host() {
        return host;
    }

    /**
     * The certificate the client proved it holds in the TLS handshake, already checked against the
     * server's CA; null over plain TCP or when the client presented none. Its subject
     * ({@code getSubjectX500Principal()}) says who the client is.
     */
    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    void clientCertificate(X509Certificate verified) {
        this.clientCertificate = verified;
    }

    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public String toString() {
        return id + " (" + host + ")";
    }
}
