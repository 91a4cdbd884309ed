package org.pyrolab.remote.access;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.ns.NameServer;
import org.pyrolab.pyro5.tls.TlsException;

/** {@code pyrolab nslist}: any Pyro5 name server's entries, read over the network like any client would. */
public final class NameServerListing {
    private NameServerListing() {
    }

    /** The entries of the name server at host:port, sorted by name, with their metadata sorted. */
    public static List<NameServerEntry> list(String host, int port) throws IOException {
        return list(host, port, (Object) null);
    }

    /**
     * The same, reaching a name server configured here at that address as this daemon's own
     * registrations do: with its lab secret ({@code secret_file}) and over TLS with its {@code tls}
     * files ({@code ca} checks its certificate, {@code cert} and {@code key} say who this daemon is),
     * so that a TLS name server, or one that wants the secret for every connection, lists too. A
     * name server run here is reached with its own certificate (see {@link TlsSettings#ownClient}).
     */
    static List<NameServerEntry> list(String host, int port, Collection<ConfiguredNameServer> configured) throws IOException {
        for (ConfiguredNameServer ns : configured) {
            if (ns.reachedAt(host, port)) {
                ClientOptions options = new ClientOptions(ConfiguredNameServer.CLIENT_TIMEOUT_MS, null,
                        ns.config.secretFile != null ? ns.handshake(false) : null);
                if (ns.config.tls != null) {
                    try {
                        options = options.withTls(ns.running() ? TlsSettings.ownClient(ns.config.tls) : TlsSettings.client(ns.config.tls));
                    } catch (TlsException e) {
                        throw new IOException("cannot list the name server at " + host + ":" + port + ": TLS (nameservers." + ns.config.name
                                + ".tls): " + e.getMessage(), e);
                    }
                }
                return list(host, port, options);
            }
        }
        return list(host, port, new ClientOptions(ConfiguredNameServer.CLIENT_TIMEOUT_MS, null, null));
    }

    /** The same, sending {@code handshake} (a lab secret) with the CONNECT; null for Pyro's default. */
    public static List<NameServerEntry> list(String host, int port, Object handshake) throws IOException {
        return list(host, port, new ClientOptions(ConfiguredNameServer.CLIENT_TIMEOUT_MS, null, handshake));
    }

    private static List<NameServerEntry> list(String host, int port, ClientOptions options) throws IOException {
        Object listed;
        try (PyroClient client = new PyroClient(Hosts.bind(host), port, NameServer.OBJECT_ID, options)) {
            listed = client.call("list", null, null, true);
        } catch (IOException e) {
            throw new IOException("cannot list the name server at " + host + ":" + port + ": " + e.getMessage(), e);
        }
        if (!(listed instanceof Map<?, ?> map)) {
            throw new IOException("the name server at " + host + ":" + port + " sent " + listed + " instead of its entries");
        }
        List<NameServerEntry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
            List<?> pair = seq(entry.getValue());
            List<String> metadata = pair.size() > 1 ? List.copyOf(new TreeSet<>(seq(pair.get(1)).stream().map(String::valueOf).toList())) : List.of();
            entries.add(new NameServerEntry(String.valueOf(entry.getKey()), String.valueOf(pair.isEmpty() ? entry.getValue() : pair.get(0)), metadata));
        }
        return entries;
    }

    private static List<?> seq(Object v) {
        return v instanceof Object[] a ? Arrays.asList(a) : v instanceof Collection<?> c ? new ArrayList<>(c) : List.of();
    }
}
