package org.pyrolab.remote.expose;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.pyrolab.api.Caller;

/** One client connection: who it is (the {@link Caller} methods receive) and its session instances. */
public final class Session implements Caller {

    private final String id;
    private final String host;
    /** Instances of session-mode targets, made on this connection's first call and ended with it. */
    private final Map<Target, Object> instances = new ConcurrentHashMap<>();
    private volatile String user = "anonymous";

    Session(String id, String host) {
        this.id = id;
        this.host = host;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String connection() {
        return id;
    }

    /** Remembers the user name the client gave to {@code lock(user)}. */
    void user(String name) {
        this.user = name;
    }

    Object instance(Target target) {
        return instances.computeIfAbsent(target, Target::create);
    }

    /** The connection ended: its session instances end too. */
    void clear() {
        instances.forEach(Target::release);
        instances.clear();
    }

    @Override
    public String toString() {
        return id + " (" + host + ")";
    }
}
