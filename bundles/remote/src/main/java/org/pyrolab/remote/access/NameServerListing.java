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

/** {@code pyrolab nslist}: any Pyro5 name server's entries, read over the network like any client would. */
public final class NameServerListing {
    private NameServerListing() {
    }

    /** The entries of the name server at host:port, sorted by name, with their metadata sorted. */
    public static List<NameServerEntry> list(String host, int port) throws IOException {
        return list(host, port, (Object) null);
    }

    /**
     * The same, sending the lab secret of the configured name server at that address, so that a
     * name server that wants it for every connection lists too.
     */
    static List<NameServerEntry> list(String host, int port, Collection<ConfiguredNameServer> configured) throws IOException {
        Object handshake = null;
        for (ConfiguredNameServer ns : configured) {
            if (ns.config.port == port && Hosts.bind(ns.config.host).equals(Hosts.bind(host)) && ns.config.secretFile != null) {
                handshake = ns.handshake(false);
            }
        }
        return list(host, port, handshake);
    }

    /** The same, sending {@code handshake} (a lab secret) with the CONNECT; null for Pyro's default. */
    public static List<NameServerEntry> list(String host, int port, Object handshake) throws IOException {
        Object listed;
        try (PyroClient client = new PyroClient(Hosts.bind(host), port, NameServer.OBJECT_ID,
                new ClientOptions(ConfiguredNameServer.CLIENT_TIMEOUT_MS, null, handshake))) {
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
