package org.pyrolab.pyro5.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pyrolab.pyro5.serial.RemoteError;

/** {@code Pyro.Daemon}, the object every Pyro5 daemon serves about itself. */
final class DaemonObject {

    static final String ID = "Pyro.Daemon";
    static final ObjectMetadata METADATA = new ObjectMetadata(Set.of("ping", "info", "registered", "get_metadata",
            "get_next_stream_item", "close_stream"), Set.of(), Set.of());

    private final PyroServer server;

    DaemonObject(PyroServer server) {
        this.server = server;
    }

    Object call(Call c) {
        Object first = !c.params().isEmpty() ? c.params().get(0) : c.kwargs().values().stream().findFirst().orElse(null);
        return switch (c.method()) {
            case "ping", "close_stream" -> null;
            case "info" -> "PyroLab Pyro5 endpoint bound to " + server.host() + ":" + server.port()
                    + ", " + server.connectionCount() + " connections";
            case "registered" -> registered();
            case "get_metadata" -> {
                if (!(first instanceof String id)) {
                    throw RemoteError.typeError("get_metadata() needs an object id");
                }
                ObjectMetadata meta = server.metadata(id);
                if (meta == null) {
                    throw RemoteError.daemonError("unknown object");
                }
                yield meta.toDict();
            }
            // streams are never started (iterators are returned as lists), so every stream has ended
            case "get_next_stream_item" -> throw new RemoteError("builtins.StopIteration", null);
            default -> throw RemoteError.attributeError("'Daemon' object has no attribute '" + c.method() + "'");
        };
    }

    private List<String> registered() {
        List<String> ids = new ArrayList<>();
        ids.add(ID);
        ids.addAll(server.objects().ids());
        return ids;
    }
}
