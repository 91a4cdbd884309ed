package org.pyrolab.client;

import java.util.Map;
import java.util.Optional;

/**
 * What every proxy made by {@link Lab} offers besides the methods of your own interface. One
 * proxy is one network connection: a lock taken through it belongs to that connection, and ends
 * on {@link #unlock()}, on {@link #close()} or after the service's lease time without calls.
 *
 * <p>A proxy may be shared between threads; its calls then go one at a time.
 */
public interface Instrument extends AutoCloseable {

    /** The name it was looked up by, or its object id when it was made from a uri. */
    String name();

    /** Where it is served. */
    PyroUri uri();

    /**
     * Takes the instrument for this proxy; locking again renews the lock.
     *
     * @throws InstrumentLockedException if someone else holds it
     */
    void lock(String user);

    /**
     * Gives the lock back.
     *
     * @return false if it was not locked
     * @throws InstrumentLockedException if someone else holds it
     */
    boolean unlock();

    /** Whether anyone holds the lock (this proxy included). */
    boolean isLocked();

    /** Who holds the lock, if anyone. */
    Optional<LockInfo> lockInfo();

    /** A round trip to the service; answered even while someone else holds the lock. */
    void ping();

    /**
     * Calls a remote method by name without a typed interface; the result is as decoded (Integer,
     * Long, Double, String, Boolean, List, Object[] for a tuple, Set, Map, or null).
     */
    Object call(String method, Object... args);

    /**
     * Like {@link #call(String, Object...)}, with keyword arguments as well: they map to the
     * driver's parameter names ({@code power(unit="mW")} in Python is
     * {@code callWithKeywords("power", Map.of("unit", "mW"))}). A method the service lists as
     * oneway is called oneway and gives null, as from a Python proxy.
     */
    Object callWithKeywords(String method, Map<String, ?> keywords, Object... args);

    /** Closes the connection, which also ends a lock this proxy holds. Later calls fail. */
    @Override
    void close();
}
