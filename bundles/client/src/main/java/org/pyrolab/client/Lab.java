package org.pyrolab.client;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;


import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroURI;

/**
 * A connection to a name server (PyroLab's or a stock Pyro5 one) and the entry point of the
 * client:
 *
 * <pre>{@code
 * try (Lab lab = Lab.locate("asgard.lab");
 *      Laser laser = lab.proxy("asgard.laser", Laser.class)) {  // Laser extends Instrument
 *     laser.lock("alice");
 *     laser.setWavelength(1550.0);
 * }
 * }</pre>
 *
 * Thread-safe: name server calls go one at a time. Proxies it made stay open after it closes.
 */
public final class Lab implements AutoCloseable {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 9090;

    private final NameServerProxy ns;
    private final String where;

    private Lab(NameServerProxy ns, String where) {
        this.ns = ns;
        this.where = where;
    }

    /** The name server on this computer, {@code localhost:9090}. */
    public static Lab locate() {
        return locate(DEFAULT_HOST, DEFAULT_PORT);
    }

    /** The name server on {@code host}, port 9090. */
    public static Lab locate(String host) {
        return locate(host, DEFAULT_PORT);
    }

    /**
     * The name server at {@code host:port}; it is pinged once.
     *
     * @throws java.io.UncheckedIOException if nothing answers there
     * @throws RemoteException if what answers is not a name server
     */
    public static Lab locate(String host, int port) {
        String where = host + ":" + port;
        NameServerProxy ns = null;
        try {
            ns = new NameServerProxy(host, port);
            ns.ping();
            return new Lab(ns, where);
        } catch (IOException e) {
            close(ns);
            throw Failures.io("no name server answers at " + where, e);
        } catch (PyroException e) {
            close(ns);
            throw Failures.remote(e);
        }
    }

    /** Every registered name (the name server's own entry included) with its uri, sorted by name. */
    public Map<String, PyroUri> names() {
        return names(null);
    }

    /** The registered names that start with {@code prefix} (null for all), sorted by name. */
    public synchronized Map<String, PyroUri> names(String prefix) {
        Object listed = nsCall("list", prefix, null, false);
        Map<String, PyroUri> names = new TreeMap<>();
        ((Map<?, ?>) listed).forEach((name, uri) -> names.put((String) name, PyroUri.parse(uriText(uri))));
        return names;
    }

    /**
     * Where {@code name} is served.
     *
     * @throws RemoteException of type {@code Pyro5.errors.NamingError} if the name is unknown
     */
    public synchronized PyroUri lookup(String name) {
        PyroURI uri = (PyroURI) nsCall("lookup", name);
        return new PyroUri(uri.objectid, uri.host, uri.port);
    }

    /**
     * A proxy for the service registered as {@code name}, typed as {@code type} (an interface of
     * yours; it may extend {@link Instrument}) and always implementing {@link Instrument}.
     *
     * @throws IllegalArgumentException if {@code type} declares a method the service does not expose
     */
    public <T> T proxy(String name, Class<T> type) {
        return Proxies.create(name, lookup(name), type);
    }

    /** An untyped proxy for the service registered as {@code name}. */
    public Instrument proxy(String name) {
        return proxy(name, Instrument.class);
    }

    /** A typed proxy for the object at {@code uri}, without a name server. */
    public static <T> T connect(PyroUri uri, Class<T> type) {
        return Proxies.create(uri.objectId(), uri, type);
    }

    /** Closes the connection to the name server. */
    @Override
    public synchronized void close() {
        ns.close();
    }

    @Override
    public String toString() {
        return "Lab[" + where + "]";
    }

    private Object nsCall(String method, Object... args) {
        try {
            return ns.call(method, args);
        } catch (IOException e) {
            ns.close(); // the next call reconnects
            throw Failures.io("name server at " + where + ": " + method + " failed", e);
        } catch (PyroException e) {
            throw Failures.remote(e);
        }
    }

    /** A list entry is a uri string, or (uri, metadata) when the server adds metadata. */
    private static String uriText(Object entry) {
        return String.valueOf(entry instanceof Object[] tuple ? tuple[0] : entry);
    }

    private static void close(NameServerProxy ns) {
        if (ns != null) {
            ns.close();
        }
    }
}
