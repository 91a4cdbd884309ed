package org.pyrolab.client;

import java.util.Arrays;
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
            connection.call("ping");
        } else {
            connection.refreshMetadata(); // a stock Pyro5 object has no ping of its own
        }
    }

    @Override
    public Object call(String method, Object... args) {
        Object[] written = Arrays.stream(args == null ? new Object[0] : args).map(OutgoingValues::write).toArray();
        return connection.call(method, written);
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
        return connection.call(method, args);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
