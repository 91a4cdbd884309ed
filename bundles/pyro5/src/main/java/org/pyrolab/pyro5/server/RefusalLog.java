package org.pyrolab.pyro5.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs refusals at most once per peer address per interval, with a count of what was left out, so
 * a peer that misbehaves in a loop cannot fill the log.
 */
public final class RefusalLog {

    private static final long INTERVAL_NANOS = 10_000_000_000L;
    private static final int MAX_PEERS = 4096;

    private final Logger log;
    private final Map<String, long[]> lastByPeer = new ConcurrentHashMap<>();

    public RefusalLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code what} (already escaped) for {@code peer}, unless that peer was logged lately. */
    public void warn(String peer, String what) {
        long now = System.nanoTime();
        if (lastByPeer.size() > MAX_PEERS) {
            lastByPeer.clear(); // a scan from many addresses: forget, at worst one more line each
        }
        long[] state = lastByPeer.computeIfAbsent(peer, p -> new long[] {now - INTERVAL_NANOS, 0});
        long suppressed;
        synchronized (state) {
            if (now - state[0] < INTERVAL_NANOS) {
                state[1]++;
                return;
            }
            suppressed = state[1];
            state[0] = now;
            state[1] = 0;
        }
        log.log(Level.WARNING, suppressed == 0 ? "{0}: {1}" : "{0}: {1} ({2} similar refusals not logged)",
                LogText.escape(peer), what, String.valueOf(suppressed));
    }
}
