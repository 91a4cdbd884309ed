package org.pyrolab.pyro5.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's open connections, at most {@code max}. When full, the connection whose client has
 * kept the server waiting longest (idle, or trickling a message) makes room: a peer that opens
 * connections and sends nothing cannot lock good clients out.
 */
final class ConnectionSlots {

    /** The outcome of {@link #admit}: refused, or admitted after evicting {@code evicted} (may be null). */
    record Admission(boolean admitted, Connection evicted) {
    }

    private final int max;
    private final List<Connection> open = new ArrayList<>();

    ConnectionSlots(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** Takes a slot for {@code c}; the evicted connection, if any, is no longer counted but still open. */
    synchronized Admission admit(Connection c) {
        Connection evicted = null;
        if (open.size() >= max) {
            evicted = longestWaiting();
            if (evicted == null) {
                return new Admission(false, null);
            }
            open.remove(evicted);
        }
        open.add(c);
        return new Admission(true, evicted);
    }

    /** Frees {@code c}'s slot; false when it had none (already evicted or removed). */
    synchronized boolean remove(Connection c) {
        return open.remove(c);
    }

    synchronized List<Connection> snapshot() {
        return List.copyOf(open);
    }

    synchronized int size() {
        return open.size();
    }

    /** The connection whose client has kept it waiting longest, or null when every one is running a call. */
    private Connection longestWaiting() {
        Connection oldest = null;
        for (Connection c : open) {
            if (c.waitingForPeer() && (oldest == null || c.lastMessageNanos() - oldest.lastMessageNanos() < 0)) {
                oldest = c;
            }
        }
        return oldest;
    }
}
