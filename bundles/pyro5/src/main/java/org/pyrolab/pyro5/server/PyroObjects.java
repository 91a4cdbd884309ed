package org.pyrolab.pyro5.server;

import java.time.Duration;
import java.util.Collection;

/**
 * What a {@link PyroServer} serves: the objects behind its ids. The server owns the socket, the
 * protocol and every bound; this decides what a call does. Implemented by PyroLab's service glue
 * and by the name server.
 */
public interface PyroObjects {

    /** The metadata a CONNECTOK carries for {@code objectId}, or null when nothing has that id. */
    ObjectMetadata metadata(String objectId);

    /** The ids served, for {@code Pyro.Daemon.registered()}. */
    Collection<String> ids();

    /**
     * Runs one call on the peer's connection thread. A {@link org.pyrolab.pyro5.serial.RemoteError}
     * reaches the client under its Python class; any other exception is mapped by
     * {@link org.pyrolab.pyro5.serial.ExceptionMapper}.
     */
    Object invoke(Peer peer, Call call) throws Exception;

    /**
     * How long a call on {@code objectId} may run before the client is answered with a
     * {@code Pyro5.errors.TimeoutError}; null for the server's default, zero for no limit.
     */
    default Duration callTimeout(String objectId) {
        return null;
    }

    /**
     * Whether a CONNECT without the server's lab secret is let through (its {@link Peer#secretGiven()}
     * is false, and this decides what it may do). Endpoints refuse it with a CONNECTFAIL; the name
     * server lets everyone read and guards its writes.
     */
    default boolean admitsWithoutSecret() {
        return false;
    }

    /** The peer sent a PING: a sign of life (lock leases count it). */
    default void pinged(Peer peer) {
    }

    /** The peer's connection has closed; its session state can go. */
    default void closed(Peer peer) {
    }
}
