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
    /** The CONNECT carried the lab secret (or the server has none). */
    private volatile boolean secretGiven;
    /** Digest of the PyroLab daemon identity its CONNECT carried, or null. */
    private volatile String identity;
    /** Set by a TLS server once the client's certificate is verified. */
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

    /** Whether this connection's CONNECT carried the server's lab secret (true when it has none). */
    public boolean secretGiven() {
        return secretGiven;
    }

    void secretGiven(boolean given) {
        this.secretGiven = given;
    }

    /**
     * The digest (hex) of the PyroLab daemon identity this connection sent with its CONNECT, or
     * null: the owner of the names it registers.
     */
    public String identity() {
        return identity;
    }

    void identity(String digest) {
        this.identity = digest;
    }

    /** The client's verified TLS certificate, or null (plain TCP, or TLS without a client certificate). */
    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    void clientCertificate(X509Certificate certificate) {
        this.clientCertificate = certificate;
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
