package org.pyrolab.remote.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.pyrolab.remote.serial.RemoteError;

/** {@code Pyro.Daemon}, the object every Pyro5 daemon serves about itself. */
final class DaemonObject {

    static final String ID = "Pyro.Daemon";
    private static final Set<String> METHODS = Set.of("ping", "info", "registered", "get_metadata",
            "get_next_stream_item", "close_stream");

    private final PyroServer server;
    private final Dispatcher dispatcher;

    DaemonObject(PyroServer server, Dispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    static Map<String, Object> metadata() {
        return Dispatcher.meta(new TreeSet<>(METHODS), Set.of(), Set.of());
    }

    Object call(String method, List<Object> args, Map<String, Object> kwargs) {
        Object first = !args.isEmpty() ? args.get(0) : kwargs.values().stream().findFirst().orElse(null);
        return switch (method) {
            case "ping", "close_stream" -> null;
            case "info" -> "PyroLab Pyro5 endpoint bound to " + server.host() + ":" + server.port()
                    + ", " + server.connectionCount() + " connections";
            case "registered" -> registered();
            case "get_metadata" -> {
                if (!(first instanceof String id)) {
                    throw RemoteError.typeError("get_metadata() needs an object id");
                }
                Map<String, Object> meta = dispatcher.metadata(id);
                if (meta == null) {
                    throw RemoteError.daemonError("unknown object");
                }
                yield meta;
            }
            // streams are never started (iterators are returned as lists), so every stream has ended
            case "get_next_stream_item" -> throw new RemoteError("builtins.StopIteration", null);
            default -> throw RemoteError.attributeError("'Daemon' object has no attribute '" + method + "'");
        };
    }

    private List<String> registered() {
        List<String> ids = new ArrayList<>();
        ids.add(ID);
        ids.addAll(dispatcher.table().ids());
        return ids;
    }

    static Map<String, Object> handshake(Map<String, Object> meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handshake", "hello");
        m.put("meta", meta);
        return m;
    }
}
