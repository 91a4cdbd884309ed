package org.pyrolab.daemon.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Warnings about control clients, rate-limited per peer address: a flood of bad connections must
 * not flood the log. Each peer may write {@link #BURST} lines at once and one more every
 * {@link #REFILL_MS}; the next line that gets through says how many were left out.
 */
final class PeerLog {
    static final int BURST = 10;
    static final long REFILL_MS = 6_000;
    /** Peers remembered; beyond that, the rest share one allowance (127.0.0.0/8 has many addresses). */
    private static final int MAX_PEERS = 256;

    private final System.Logger log;
    private final Map<InetAddress, Allowance> peers = new HashMap<>();
    private final Allowance others = new Allowance(0);

    private static final class Allowance {
        double lines = BURST;
        long updated;
        int suppressed;

        Allowance(long now) {
            updated = now;
        }
    }

    PeerLog(System.Logger log) {
        this.log = log;
    }

    /** Logs {@code message} (a {@link java.text.MessageFormat} pattern) unless {@code peer} has used up its allowance. */
    void warn(InetAddress peer, String message, Object... params) {
        int suppressed;
        synchronized (this) {
            long now = System.currentTimeMillis();
            Allowance a = peers.get(peer);
            if (a == null) {
                a = peers.size() < MAX_PEERS ? new Allowance(now) : others;
                if (a != others) {
                    peers.put(peer, a);
                }
            }
            a.lines = Math.min(BURST, a.lines + (now - a.updated) / (double) REFILL_MS);
            a.updated = now;
            if (a.lines < 1) {
                a.suppressed++;
                return;
            }
            a.lines--;
            suppressed = a.suppressed;
            a.suppressed = 0;
        }
        String text = java.text.MessageFormat.format(message, params);
        log.log(System.Logger.Level.WARNING, suppressed == 0 ? text : text + " (" + suppressed + " similar lines from this peer left out)");
    }

    /**
     * Bytes a peer sent, fit for a log line: printable ASCII as it is, everything else (control
     * characters, terminal escapes, non-ASCII) as {@code \xNN}, so nothing a peer sends can
     * forge log lines or drive a terminal.
     */
    static String escape(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\\' || b == '"') {
                text.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7f) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.toString();
    }
}
