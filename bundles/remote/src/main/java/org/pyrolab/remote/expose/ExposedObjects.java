package org.pyrolab.remote.expose;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.BaseStream;

import org.pyrolab.invoke.ArgumentMismatchException;
import org.pyrolab.invoke.CallGuard;
import org.pyrolab.invoke.ExposedType;
import org.pyrolab.invoke.Invocation;
import org.pyrolab.invoke.NoSuchMemberException;
import org.pyrolab.pyro5.server.Call;
import org.pyrolab.pyro5.server.ObjectMetadata;
import org.pyrolab.pyro5.server.Peer;
import org.pyrolab.pyro5.server.PyroObjects;
import org.pyrolab.remote.lock.LockGuard;
import org.pyrolab.remote.lock.LockInfo;
import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.pyro5.serial.RemoteError;

/**
 * The services of one endpoint as Pyro5 objects: finds the target of a call, applies its lock,
 * handles the special names ({@code __getattr__}, {@code __setattr__}, the lock methods,
 * {@code ping}) and invokes the driver. Each connection's {@link Session} rides on its
 * {@link Peer}.
 */
public final class ExposedObjects implements PyroObjects {

    /** Names every lockable target answers; ping, islocked and lockinfo also work while someone else holds the lock. */
    static final Set<String> LOCK_METHODS = Set.of("lock", "unlock", "islocked", "lockinfo");

    private static final System.Logger LOG = System.getLogger(ExposedObjects.class.getName());

    private final ObjectTable table;
    private final LockManager locks;
    private final CallGuard guard;

    public ExposedObjects(ObjectTable table, LockManager locks) {
        this.table = table;
        this.locks = locks;
        this.guard = new LockGuard(locks);
    }

    @Override
    public Collection<String> ids() {
        return table.ids();
    }

    @Override
    public Duration callTimeout(String objectId) {
        Target t = table.find(objectId);
        return t == null ? null : t.callTimeout();
    }

    @Override
    public void pinged(Peer peer) {
        locks.renew(null, peer.id()); // a Pyro PING is a keep-alive too
    }

    @Override
    public void closed(Peer peer) {
        int released = locks.releaseAll(peer.id());
        if (released > 0) {
            LOG.log(System.Logger.Level.INFO, "connection {0} closed: released {1} lock(s)", peer, released);
        }
        if (peer.attachment() instanceof Session s) {
            s.clear();
        }
    }

    @Override
    public Object invoke(Peer peer, Call call) throws Exception {
        return call(session(peer), call.object(), call.method(), call.params(), call.kwargs());
    }

    private static Session session(Peer peer) {
        if (peer.attachment() instanceof Session s) {
            return s;
        }
        Session s = new Session(peer.id(), peer.host());
        peer.attach(s);
        return s;
    }

    /** The CONNECTOK meta of an object id, or null if unknown. */
    @Override
    public ObjectMetadata metadata(String id) {
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
        return new ObjectMetadata(methods, et.onewayNames(), et.attributeNames());
    }

    Object call(Session session, String objectId, String method, List<Object> args, Map<String, Object> kwargs) throws Exception {
        Target t = table.find(objectId);
        if (t == null) {
            throw RemoteError.daemonError("unknown object");
        }
        if (t.lockable() && LOCK_METHODS.contains(method)) {
            return lockCall(session, objectId, method, args, kwargs);
        }
        try (CallGuard.Pass pass = (t.lockable() ? guard : CallGuard.NONE).enter(objectId, method, session)) {
            return run(t, session, method, args, kwargs);
        }
    }

    private Object run(Target t, Session session, String method, List<Object> args, Map<String, Object> kwargs) throws Exception {
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
                    yield asValue(invoke(instance, candidates, method, args, kwargs, session));
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
        return asValue(invoke(instance, List.of(g), name, List.of(), Map.of(), session));
    }

    private Object setAttr(Object instance, ExposedType et, List<Object> args, Session session) throws Exception {
        String name = attrName(args);
        List<Method> setters = et.setters(name);
        if (setters.isEmpty() || args.size() != 2) {
            throw RemoteError.attributeError("no exposed writable attribute '" + name + "'");
        }
        invoke(instance, setters, name, List.of(args.get(1)), Map.of(), session);
        return null;
    }

    /** The invocation module's call, its refusals as the Python errors a Pyro5 client expects. */
    private static Object invoke(Object instance, List<Method> candidates, String name, List<Object> args,
                                 Map<String, Object> kwargs, Session session) throws Exception {
        try {
            return Invocation.invoke(instance, candidates, name, args, kwargs, session);
        } catch (NoSuchMemberException e) {
            throw RemoteError.attributeError(e.getMessage());
        } catch (ArgumentMismatchException e) {
            throw RemoteError.typeError(e.getMessage());
        }
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
                return h.map(ExposedObjects::lockInfoDict).orElse(null);
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
