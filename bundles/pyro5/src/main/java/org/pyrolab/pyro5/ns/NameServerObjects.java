package org.pyrolab.pyro5.ns;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pyrolab.pyro5.serial.RemoteError;
import org.pyrolab.pyro5.server.Call;
import org.pyrolab.pyro5.server.ObjectMetadata;
import org.pyrolab.pyro5.server.Peer;
import org.pyrolab.pyro5.server.PyroObjects;

/**
 * Serves one {@link NameServer} as {@code Pyro.NameServer}: binds positional arguments (Pyrolite)
 * and keywords (Python) to the parameter names of Pyro5's name server, and calls it.
 */
final class NameServerObjects implements PyroObjects {

    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "ping", List.of(),
            "count", List.of(),
            "lookup", List.of("name", "return_metadata"),
            "register", List.of("name", "uri", "safe", "metadata", "force"),
            "set_metadata", List.of("name", "metadata"),
            "remove", List.of("name", "prefix", "regex"),
            "list", List.of("prefix", "regex", "return_metadata"),
            "yplookup", List.of("meta_all", "meta_any", "return_metadata"));
    private static final ObjectMetadata METADATA = new ObjectMetadata(PARAMETERS.keySet(), Set.of(), Set.of());

    private static final Set<String> WRITES = Set.of("register", "remove", "set_metadata");
    static final String PROOF_NEEDED = "this name server takes register, remove and set_metadata only from lab members:"
            + " set ns._pyroHandshake = <the lab secret> in Python (Pyrolite: ns.pyroHandshake) before the first call,"
            + " or connect over TLS with a client certificate from the lab CA (SSL_CLIENTCERT, SSL_CLIENTKEY) where the name server asks for one;"
            + " lookups and listings need neither";

    /** What makes a peer a lab member that may write. */
    enum Proof {
        /** Neither a secret nor client certificates are configured: anyone allowed to connect may write (Pyro5's way). */
        NONE_NEEDED,
        /** The lab secret in the handshake, or a verified client certificate. */
        SECRET_OR_CERTIFICATE,
        /** No secret is configured, but client certificates are asked for: a verified one. */
        CERTIFICATE
    }

    private final NameServer nameServer;
    private final Proof proof;

    NameServerObjects(NameServer nameServer, Proof proof) {
        this.nameServer = nameServer;
        this.proof = proof;
    }

    private boolean mayWrite(Peer peer) {
        return switch (proof) {
            case NONE_NEEDED -> true;
            case SECRET_OR_CERTIFICATE -> peer.secretGiven() || peer.clientCertificate() != null;
            case CERTIFICATE -> peer.clientCertificate() != null;
        };
    }

    /** Anyone allowed to connect may read; {@link #invoke} guards the writes. */
    @Override
    public boolean admitsWithoutSecret() {
        return true;
    }

    @Override
    public ObjectMetadata metadata(String objectId) {
        return NameServer.OBJECT_ID.equals(objectId) ? METADATA : null;
    }

    @Override
    public Collection<String> ids() {
        return List.of(NameServer.OBJECT_ID);
    }

    @Override
    public Object invoke(Peer peer, Call call) {
        if (!NameServer.OBJECT_ID.equals(call.object())) {
            throw RemoteError.daemonError("unknown object");
        }
        List<String> names = PARAMETERS.get(call.method());
        if (names == null) {
            throw RemoteError.attributeError("'NameServer' object has no attribute '" + call.method() + "'");
        }
        if (WRITES.contains(call.method()) && !mayWrite(peer)) {
            throw new RemoteError("Pyro5.errors.SecurityError", PROOF_NEEDED);
        }
        Object[] a = bind(call, names);
        String identity = peer.identity();
        return switch (call.method()) {
            case "ping" -> null;
            case "count" -> nameServer.count();
            case "lookup" -> nameServer.lookup(text(a[0], "name"), a[1]);
            case "register" -> {
                nameServer.register(a[0], a[1], a[2], a[3], a[4], identity);
                yield null;
            }
            case "set_metadata" -> {
                nameServer.set_metadata(text(a[0], "name"), a[1], identity);
                yield null;
            }
            case "remove" -> nameServer.remove(text(a[0], "name"), text(a[1], "prefix"), text(a[2], "regex"), identity);
            case "list" -> nameServer.list(text(a[0], "prefix"), text(a[1], "regex"), a[2]);
            default -> nameServer.yplookup(a[0], a[1], a[2]);
        };
    }

    /** Positional arguments first, then keywords; what neither gives is None. */
    private static Object[] bind(Call call, List<String> names) {
        if (call.params().size() > names.size()) {
            throw RemoteError.typeError(call.method() + "() takes at most " + names.size() + " arguments ("
                    + call.params().size() + " given)");
        }
        Object[] a = new Object[names.size()];
        for (int i = 0; i < call.params().size(); i++) {
            a[i] = call.params().get(i);
        }
        for (Map.Entry<String, Object> kw : call.kwargs().entrySet()) {
            int i = names.indexOf(kw.getKey());
            if (i < 0) {
                throw RemoteError.typeError(call.method() + "() got an unexpected keyword argument '" + kw.getKey() + "'");
            }
            a[i] = kw.getValue();
        }
        return a;
    }

    private static String text(Object v, String what) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw RemoteError.typeError(what + " must be a str");
    }
}
