package org.pyrolab.remote.server;

import java.lang.reflect.Method;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.BaseStream;

import org.pyrolab.remote.lock.LockInfo;
import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.remote.serial.RemoteError;

/**
 * Runs one call for one session: finds the target, applies its lock, handles the special names
 * ({@code __getattr__}, {@code __setattr__}, the lock methods, {@code ping}) and invokes.
 */
final class Dispatcher {

    /** Names every lockable target answers; ping, islocked and lockinfo also work while someone else holds the lock. */
    static final Set<String> LOCK_METHODS = Set.of("lock", "unlock", "islocked", "lockinfo");
    private static final Set<String> FREE_WHEN_LOCKED = Set.of("ping", "islocked", "lockinfo");

    private final ObjectTable table;
    private final LockManager locks;
    private DaemonObject daemon;

    Dispatcher(ObjectTable table, LockManager locks) {
        this.table = table;
        this.locks = locks;
    }

    void daemon(DaemonObject d) {
        this.daemon = d;
    }

    ObjectTable table() {
        return table;
    }

    /** The CONNECTOK meta of an object id, or null if unknown. */
    Map<String, Object> metadata(String id) {
        if (DaemonObject.ID.equals(id)) {
            return DaemonObject.metadata();
        }
        Target t = table.find(id);
        if (t == null) {
            return null;
        }
        ExposedType et = ExposedType.of(t.type());
        Set<String> methods = et.methodNames();
        methods.add("ping");
        if (t.lockable()) {
            methods.addAll(LOCK_METHODS);
        }
        return meta(methods, et.onewayNames(), et.attributeNames());
    }

    static Map<String, Object> meta(Set<String> methods, Set<String> oneway, Set<String> attrs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methods", new TreeSet<>(methods));
        m.put("oneway", new TreeSet<>(oneway)); // Pyrolite 5.1 reads "oneways" and misses this
        m.put("attrs", new TreeSet<>(attrs));
        return m;
    }

    Object call(Session session, String objectId, String method, List<Object> args, Map<String, Object> kwargs) throws Exception {
        if (DaemonObject.ID.equals(objectId)) {
            return daemon.call(method, args, kwargs);
        }
        Target t = table.find(objectId);
        if (t == null) {
            throw RemoteError.daemonError("unknown object");
        }
        if (t.lockable()) {
            if (LOCK_METHODS.contains(method)) {
                return lockCall(session, objectId, method, args, kwargs);
            }
            if (!FREE_WHEN_LOCKED.contains(method)) {
                locks.check(objectId, session.connection());
            } else {
                locks.renew(objectId, session.connection()); // the holder's ping keeps its lease alive
            }
        }
        if (method.startsWith("_") && !method.equals("__getattr__") && !method.equals("__setattr__")) {
            throw RemoteError.attributeError("attempt to access private attribute '" + method + "'");
        }
        Object instance = t.instance(session);
        ExposedType et = ExposedType.of(t.type());
        try {
            return switch (method) {
                case "__getattr__" -> getAttr(instance, et, args, session);
                case "__setattr__" -> setAttr(instance, et, args, session);
                default -> {
                    List<Method> candidates = et.methods(method);
                    if (candidates.isEmpty() && method.equals("ping")) {
                        yield null; // every service answers ping
                    }
                    yield asValue(Invoker.invoke(instance, candidates, method, args, kwargs, session));
                }
            };
        } finally {
            t.done(instance);
        }
    }

    private Object getAttr(Object instance, ExposedType et, List<Object> args, Session session) throws Exception {
        String name = attrName(args);
        Method g = et.getter(name);
        if (g == null) {
            throw RemoteError.attributeError("no exposed attribute '" + name + "'");
        }
        return asValue(Invoker.invoke(instance, List.of(g), name, List.of(), Map.of(), session));
    }

    private Object setAttr(Object instance, ExposedType et, List<Object> args, Session session) throws Exception {
        String name = attrName(args);
        List<Method> setters = et.setters(name);
        if (setters.isEmpty() || args.size() != 2) {
            throw RemoteError.attributeError("no exposed writable attribute '" + name + "'");
        }
        Invoker.invoke(instance, setters, name, List.of(args.get(1)), Map.of(), session);
        return null;
    }

    private static String attrName(List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof String name)) {
            throw RemoteError.typeError("attribute name must be a str");
        }
        return name;
    }

    private Object lockCall(Session session, String id, String method, List<Object> args, Map<String, Object> kwargs) {
        switch (method) {
            case "lock" -> {
                Object u = !args.isEmpty() ? args.get(0) : kwargs.get("user");
                String user = u == null || u.toString().isBlank() ? session.user() : u.toString();
                locks.lock(id, user, session.host(), session.connection());
                session.user(user);
                return Boolean.TRUE;
            }
            case "unlock" -> {
                return locks.unlock(id, session.connection());
            }
            case "islocked" -> {
                return locks.holder(id).isPresent();
            }
            default -> {
                Optional<LockInfo> h = locks.holder(id);
                return h.map(Dispatcher::lockInfoDict).orElse(null);
            }
        }
    }

    static Map<String, Object> lockInfoDict(LockInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", info.user());
        m.put("host", info.host());
        m.put("since", DateTimeFormatter.ISO_INSTANT.format(info.since()));
        return m;
    }

    /** Iterators and streams go back as lists (this server does not stream items). */
    private static Object asValue(Object result) {
        if (result instanceof BaseStream<?, ?> s) {
            result = s.iterator();
        }
        if (result instanceof Iterator<?> it) {
            List<Object> list = new ArrayList<>();
            it.forEachRemaining(list::add);
            return list;
        }
        return result;
    }
}
