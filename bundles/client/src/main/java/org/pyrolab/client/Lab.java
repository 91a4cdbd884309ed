package org.pyrolab.client;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

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
 * TLS and a lab secret are set with {@link ConnectionOptions}, for the name server and every proxy.
 */
public final class Lab implements AutoCloseable {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 9090;

    /** The name server's object id. */
    static final String NAME_SERVER = "Pyro.NameServer";

    private final Connection ns;
    private final ConnectionOptions options;
    private final String where;

    private Lab(Connection ns, ConnectionOptions options, String where) {
        this.ns = ns;
        this.options = options;
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
     * The name server at {@code host:port}, over plain TCP; it is pinged once.
     *
     * @throws java.io.UncheckedIOException if nothing answers there
     * @throws RemoteException if what answers is not a name server
     */
    public static Lab locate(String host, int port) {
        return locate(host, port, ConnectionOptions.defaults());
    }

    /**
     * The name server at {@code host:port}, connecting as {@code options} say (TLS, lab secret,
     * timeouts), as will every proxy this Lab makes; it is pinged once.
     *
     * @throws java.io.UncheckedIOException if nothing answers there, or TLS fails (an untrusted
     *                                      or wrongly named certificate)
     * @throws RemoteException if what answers is not a name server, or refuses the connection
     *                         ({@code Pyro5.errors.CommunicationError}: a wrong or missing secret)
     */
    public static Lab locate(String host, int port, ConnectionOptions options) {
        String where = host + ":" + port;
        Connection ns;
        try {
            ns = Connection.open(NAME_SERVER, new PyroUri(NAME_SERVER, host, port), options);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot reach the name server at " + where + ": " + e.getCause().getMessage(), e.getCause());
        }
        try {
            ns.call("ping", new Object[0], Map.of());
            return new Lab(ns, options, where);
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** Every registered name (the name server's own entry included) with its uri, sorted by name. */
    public Map<String, PyroUri> names() {
        return names(null);
    }

    /** The registered names that start with {@code prefix} (null for all), sorted by name. */
    public synchronized Map<String, PyroUri> names(String prefix) {
        Object listed = ns.call("list", new Object[] {prefix, null, false}, Map.of());
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
        Object uri = ns.call("lookup", new Object[] {name}, Map.of());
        return Values.uri(uri).orElseThrow(() -> new RemoteException("Pyro5.errors.NamingError",
                "the name server at " + where + " sent " + uri + " instead of a uri for " + name, null));
    }

    /**
     * A proxy for the service registered as {@code name}, typed as {@code type} (an interface of
     * yours; it may extend {@link Instrument}) and always implementing {@link Instrument}.
     *
     * @throws IllegalArgumentException if {@code type} declares a method the service does not expose
     */
    public <T> T proxy(String name, Class<T> type) {
        return Proxies.create(name, lookup(name), type, options);
    }

    /** An untyped proxy for the service registered as {@code name}. */
    public Instrument proxy(String name) {
        return proxy(name, Instrument.class);
    }

    /** A typed proxy for the object at {@code uri}, without a name server, over plain TCP. */
    public static <T> T connect(PyroUri uri, Class<T> type) {
        return connect(uri, type, ConnectionOptions.defaults());
    }

    /** A typed proxy for the object at {@code uri}, without a name server, connecting as {@code options} say. */
    public static <T> T connect(PyroUri uri, Class<T> type, ConnectionOptions options) {
        return Proxies.create(uri.objectId(), uri, type, options);
    }

    /** Closes the connection to the name server. */
    @Override
    public void close() {
        ns.close();
    }

    @Override
    public String toString() {
        return "Lab[" + where + "]";
    }

    /** A list entry is a uri string, or (uri, metadata) when the server adds metadata. */
    private static String uriText(Object entry) {
        return String.valueOf(entry instanceof Object[] tuple ? tuple[0] : entry);
    }
}
