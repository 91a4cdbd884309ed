package org.pyrolab.remote.expose;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One served object: its id, its class (which decides what is exposed), its instance mode and how
 * instances are made. Lockable targets get {@code lock/unlock/islocked/lockinfo}.
 */
public final class Target {

    private final String id;
    private final Class<?> type;
    private final InstanceMode mode;
    private final Supplier<?> factory;
    /** Ends an instance the factory made: after the call (percall) or with its connection (session). */
    private final Consumer<Object> release;
    private final boolean lockable;
    private volatile Object single;
    /** Null for the endpoint's default. */
    private volatile Duration callTimeout;

    private Target(String id, Class<?> type, InstanceMode mode, Supplier<?> factory, Consumer<Object> release, boolean lockable) {
        if (id == null || id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || c == '@')) {
            throw new IllegalArgumentException("invalid object id: '" + id + "'");
        }
        this.id = id;
        this.type = Objects.requireNonNull(type, "type");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.release = Objects.requireNonNull(release, "release");
        this.lockable = lockable;
    }

    /** Serves an existing object (instance mode single). */
    public static Target of(String id, Object instance) {
        Objects.requireNonNull(instance, "instance");
        Target t = new Target(id, instance.getClass(), InstanceMode.SINGLE, () -> instance, o -> { }, true);
        t.single = instance;
        return t;
    }

    /** Serves instances of {@code type} made by {@code factory}, one per {@code mode}. */
    public static <T> Target of(String id, Class<T> type, InstanceMode mode, Supplier<? extends T> factory) {
        return new Target(id, type, mode, factory, o -> { }, true);
    }

    /**
     * Instances of {@code type} made by {@code factory}, one per {@code mode}, each ended by
     * {@code release} (the daemon's drivers: every instance connects to its instrument and must close).
     */
    public static Target made(String id, Class<?> type, InstanceMode mode, Supplier<?> factory, Consumer<Object> release) {
        return new Target(id, type, mode, factory, release, true);
    }

    /** The same target without the lock methods (for the name server and other shared objects). */
    public Target notLockable() {
        Target t = new Target(id, type, mode, factory, release, false);
        t.single = single;
        return t;
    }

    public String id() {
        return id;
    }

    public Class<?> type() {
        return type;
    }

    public InstanceMode mode() {
        return mode;
    }

    public boolean lockable() {
        return lockable;
    }

    /** How long a call may run before its client gets a TimeoutError; null for the endpoint's default. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Sets the call timeout (zero: no limit); returns this target. */
    public Target callTimeout(Duration timeout) {
        this.callTimeout = timeout;
        return this;
    }

    /** The instance that serves a call from {@code session}. */
    Object instance(Session session) {
        return switch (mode) {
            case PERCALL -> create();
            case SESSION -> session.instance(this);
            case SINGLE -> {
                Object s = single;
                if (s == null) {
                    synchronized (this) {
                        if (single == null) {
                            single = create();
                        }
                        s = single;
                    }
                }
                yield s;
            }
        };
    }

    /** A call on {@code instance} is over: a percall instance ends with it. */
    void done(Object instance) {
        if (mode == InstanceMode.PERCALL) {
            release.accept(instance);
        }
    }

    void release(Object instance) {
        release.accept(instance);
    }

    Object create() {
        Object o = factory.get();
        if (!type.isInstance(o)) {
            throw new IllegalStateException("factory of '" + id + "' made " + (o == null ? "null" : o.getClass().getName()));
        }
        return o;
    }
}
