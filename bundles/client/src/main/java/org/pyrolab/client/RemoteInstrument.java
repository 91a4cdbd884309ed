package org.pyrolab.client;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.pyrolab.invoke.OutgoingValues;

/** The {@link Instrument} part of every proxy. */
final class RemoteInstrument implements Instrument {

    private final Connection connection;

    RemoteInstrument(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public PyroUri uri() {
        return connection.uri();
    }

    @Override
    public void lock(String user) {
        lockCall("lock", user);
    }

    @Override
    public boolean unlock() {
        return Boolean.TRUE.equals(lockCall("unlock"));
    }

    @Override
    public boolean isLocked() {
        return Boolean.TRUE.equals(lockCall("islocked"));
    }

    @Override
    public Optional<LockInfo> lockInfo() {
        Object info = lockCall("lockinfo");
        if (!(info instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        return Optional.of(new LockInfo(text(m.get("user")), text(m.get("host")), text(m.get("since"))));
    }

    @Override
    public void ping() {
        if (connection.methods().contains("ping")) {
            connection.call("ping", new Object[0], Map.of());
        } else {
            connection.pingEndpoint(); // a stock Pyro5 object has no ping of its own
        }
    }

    @Override
    public Object call(String method, Object... args) {
        return callWithKeywords(method, Map.of(), args);
    }

    @Override
    public Object callWithKeywords(String method, Map<String, ?> keywords, Object... args) {
        Object[] written = Arrays.stream(args == null ? new Object[0] : args).map(OutgoingValues::write).toArray();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        (keywords == null ? Map.<String, Object>of() : keywords).forEach((k, v) -> kwargs.put(k, OutgoingValues.write(v)));
        if (connection.oneway().contains(method)) {
            connection.callOneway(method, written, kwargs); // as a Python proxy does for the object's oneway methods
            return null;
        }
        return Values.result(connection.call(method, written, kwargs));
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "Instrument[" + name() + " at " + uri() + "]";
    }

    /** Locks are PyroLab's addition to Pyro5: say so plainly when the service has none. */
    private Object lockCall(String method, Object... args) {
        if (!connection.methods().contains(method)) {
            throw new UnsupportedOperationException(name() + " has no " + method + "(): it is not a PyroLab service");
        }
        return connection.call(method, args, Map.of());
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
