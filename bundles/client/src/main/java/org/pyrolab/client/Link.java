package org.pyrolab.client;

import java.io.IOException;

import net.razorvine.pyro.PyroProxy;

/** A Pyrolite proxy whose connect and metadata round trip can be asked for explicitly. */
final class Link extends PyroProxy {

    private static final long serialVersionUID = 1L;

    Link(String host, int port, String objectId) throws IOException {
        super(host, port, objectId);
    }

    /** Connects (handshake and metadata) unless connected. */
    void open() throws IOException {
        connect();
    }

    /** Asks the endpoint's daemon object for this object's metadata: works for any Pyro5 object. */
    void refreshMetadata() throws IOException {
        connect();
        getMetadata(objectid);
    }
}
