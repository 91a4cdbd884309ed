package org.pyrolab.client;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.client.PyroRemoteException;
import org.pyrolab.pyro5.client.RemoteMetadata;

/**
 * One connection to one remote object over the pyro5 engine. Every exchange holds this object's
 * monitor, so threads sharing a proxy take turns. A network failure closes the engine's
 * connection (its stream may be mid-message) and the next call reconnects, as Pyrolite and
 * Python proxies do; after {@link #close()} every call fails.
 */
final class Connection {

    private final String name;
    private final PyroUri uri;
    private final ConnectionOptions options;
    private PyroClient client;
    private RemoteMetadata metadata;
    private boolean closed;

    private Connection(String name, PyroUri uri, ConnectionOptions options) {
        this.name = name;
        this.uri = uri;
        this.options = options;
    }

    /** Connects and reads the object's metadata. */
    static Connection open(String name, PyroUri uri, ConnectionOptions options) {
        Connection c = new Connection(name, uri, options);
        synchronized (c) {
            c.exchange("connect", client -> null);
        }
        return c;
    }

    String name() {
        return name;
    }

    PyroUri uri() {
        return uri;
    }

    synchronized Set<String> methods() {
        return metadata.methods();
    }

    synchronized Set<String> oneway() {
        return metadata.oneway();
    }

    synchronized Set<String> attributes() {
        return metadata.attrs();
    }

    synchronized Object call(String method, Object[] args, Map<String, ?> kwargs) {
        return exchange(method, client -> client.call(method, args, kwargs));
    }

    synchronized void callOneway(String method, Object[] args, Map<String, ?> kwargs) {
        exchange(method, client -> {
            client.callOneway(method, args, kwargs);
            return null;
        });
    }

    synchronized Object get(String attribute) {
        return exchange(attribute, client -> client.getAttribute(attribute));
    }

    synchronized void set(String attribute, Object value) {
        exchange(attribute, client -> {
            client.setAttribute(attribute, value);
            return null;
        });
    }

    /** A protocol-level PING, for objects without a {@code ping} method. */
    synchronized void pingEndpoint() {
        exchange("ping", client -> {
            client.ping();
            return null;
        });
    }

    synchronized void close() {
        closed = true;
        disconnect();
    }

    private interface Exchange {
        Object run(PyroClient client) throws IOException;
    }

    private Object exchange(String what, Exchange exchange) {
        if (closed) {
            throw new IllegalStateException("proxy for " + name + " is closed");
        }
        String failed = name + "." + what + " failed";
        try {
            if (client == null || !client.isOpen()) {
                failed = "cannot connect to " + name + " at " + uri;
                connect();
                failed = name + "." + what + " failed";
            }
            return exchange.run(client);
        } catch (PyroRemoteException e) {
            throw Failures.remote(e); // the connection is in step: keep it
        } catch (IOException e) {
            disconnect();
            throw Failures.io(failed, e);
        }
    }

    private void connect() throws IOException {
        disconnect();
        client = new PyroClient(uri.host(), uri.port(), uri.objectId(), options.engine());
        metadata = client.metadata();
    }

    private void disconnect() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // closing a socket that failed already; nothing left to do
            }
            client = null;
        }
    }
}
