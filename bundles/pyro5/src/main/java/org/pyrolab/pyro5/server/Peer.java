package org.pyrolab.pyro5.server;

/**
 * The client at the other end of one connection. {@link PyroObjects} may attach its own session
 * state (who locked what, session instances) and finds it again on every call of that connection.
 */
public final class Peer {

    private final String id;
    private final String host;
    private volatile Object attachment;

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
