package org.pyrolab.remote.expose;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link ObjectTable} that targets are added to and removed from at any time. */
public final class Targets implements ObjectTable {

    private final Map<String, Target> byId = new ConcurrentHashMap<>();

    /** Adds a target; throws IllegalArgumentException if its id is taken or reserved. */
    public Target add(Target target) {
        if (target.id().startsWith("Pyro.")) { // Pyro.Daemon and Pyro.NameServer are the protocol's own
            throw new IllegalArgumentException("object id is reserved: " + target.id());
        }
        if (byId.putIfAbsent(target.id(), target) != null) {
            throw new IllegalArgumentException("object id already in use: " + target.id());
        }
        return target;
    }

    /** Serves {@code instance} under {@code id} (instance mode single). */
    public Target add(String id, Object instance) {
        return add(Target.of(id, instance));
    }

    /** Removes a target; returns whether it was there. */
    public boolean remove(String id) {
        return byId.remove(id) != null;
    }

    @Override
    public Target find(String id) {
        return byId.get(id);
    }

    @Override
    public Collection<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
