package org.pyrolab.remote.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.pyrolab.api.Caller;

/** One client connection: who it is (the {@link Caller} methods receive) and its session instances. */
public final class Session implements Caller {

    private final String id;
    private final String host;
    private final Map<String, Object> instances = new ConcurrentHashMap<>();
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

    Object instance(String targetId, Supplier<Object> create) {
        return instances.computeIfAbsent(targetId, k -> create.get());
    }

    void clear() {
        instances.clear();
    }

    @Override
    public String toString() {
        return id + " (" + host + ")";
    }
}
