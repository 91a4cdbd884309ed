package org.pyrolab.pyro5.server;

/**
 * Text that came from the network, made safe for a log line: control characters and terminal
 * escapes become visible escapes, and it is cut short, so a peer cannot forge or scramble lines.
 */
public final class LogText {

    static final int MAX = 200;

    private LogText() {
    }

    public static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 16);
        for (int i = 0; i < s.length(); i++) {
            if (b.length() >= MAX) {
                return b.append("... (").append(s.length()).append(" chars)").toString();
            }
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
