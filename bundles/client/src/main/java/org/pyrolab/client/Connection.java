package org.pyrolab.client;

import java.io.IOException;
import java.util.Set;


import net.razorvine.pyro.PyroException;

/**
 * One connection to one remote object. Pyrolite proxies are not thread-safe, so every exchange
 * holds this object's monitor; after {@link #close()} every call fails.
 */
final class Connection {

    private final String name;
    private final PyroUri uri;
    private final Link link;
    private boolean closed;

    private Connection(String name, PyroUri uri, Link link) {
        this.name = name;
        this.uri = uri;
        this.link = link;
    }

    /** Connects and reads the object's metadata. */
    static Connection open(String name, PyroUri uri) {
        Link link = null;
        try {
            link = new Link(uri.host(), uri.port(), uri.objectId());
            link.open();
            return new Connection(name, uri, link);
        } catch (IOException e) {
            if (link != null) {
                link.close();
            }
            throw Failures.io("cannot connect to " + name + " at " + uri, e);
        } catch (PyroException e) {
            link.close();
            throw Failures.remote(e);
        }
    }

    String name() {
        return name;
    }

    PyroUri uri() {
        return uri;
    }

    synchronized Set<String> methods() {
        return Set.copyOf(link.pyroMethods);
    }

    synchronized Set<String> attributes() {
        return Set.copyOf(link.pyroAttrs);
    }

    synchronized Object call(String method, Object... args) {
        return exchange(method, () -> link.call(method, args));
    }

    synchronized void callOneway(String method, Object... args) {
        exchange(method, () -> {
            link.call_oneway(method, args);
            return null;
        });
    }

    synchronized Object get(String attribute) {
        return exchange(attribute, () -> link.getattr(attribute));
    }

    synchronized void set(String attribute, Object value) {
        exchange(attribute, () -> {
            link.setattr(attribute, value);
            return null;
        });
    }

    /** A round trip to the endpoint's daemon object, for objects without a {@code ping} method. */
    synchronized void refreshMetadata() {
        exchange("get_metadata", () -> {
            link.refreshMetadata();
            return null;
        });
    }

    synchronized void close() {
        closed = true;
        link.close();
    }

    private interface Exchange {
        Object run() throws IOException;
    }

    private Object exchange(String what, Exchange exchange) {
        if (closed) {
            throw new IllegalStateException("proxy for " + name + " is closed");
        }
        try {
            return exchange.run();
        } catch (IOException e) {
            link.close(); // the stream may be mid-message; the next call reconnects
            throw Failures.io(name + "." + what + " failed", e);
        } catch (PyroException e) {
            throw Failures.remote(e);
        }
    }
}
