package org.pyrolab.remote.serial;

/**
 * Works around two serpent 1.40 parser gaps by rewriting the text before parsing. It doesn't know
 * Python's {@code \UXXXXXXXX} escape: serpent text has backslashes only inside string literals,
 * so each such escape becomes its one or two {@code \\uXXXX} escapes ({@code \\\\U}, an escaped
 * backslash, is left alone). And its guessing at complex literals such as {@code (1.0-2.0j)}
 * breaks nested ones and some plain tuples: every complex literal becomes a dict
 * {@code {'__class__':'complex','real':..,'imag':..}} instead, which {@link PyroValues#fromDict}
 * turns back into a complex number, and {@code net.razorvine.serpent.PyroLabParser} never guesses.
 */
final class SerpentEscapes {

    private static final java.util.regex.Pattern COMPLEX = java.util.regex.Pattern.compile(
            "\\(([-+]?(?:[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?|inf|nan))([-+](?:[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?|inf|nan))j\\)");

    private static final java.util.regex.Pattern IMAGINARY = java.util.regex.Pattern.compile(
            "([0-9][0-9.]*(?:[eE][-+]?[0-9]+)?|inf|nan)j");

    private SerpentEscapes() {
    }

    static String rewrite(String text) {
        return rewriteComplex(rewriteLongEscapes(text));
    }

    /** Replaces complex literals outside string literals. */
    static String rewriteComplex(String text) {
        if (text.indexOf('j') < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        java.util.regex.Matcher m = COMPLEX.matcher(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = stringEnd(text, i);
                b.append(text, i, end);
                i = end;
            } else if (c == '(' && m.usePattern(COMPLEX).region(i, text.length()).lookingAt()) {
                b.append("{'__class__':'complex','real':").append(m.group(1)).append(",'imag':").append(m.group(2)).append('}');
                i = m.end();
            } else if (startsNumber(text, i) && m.usePattern(IMAGINARY).region(i, text.length()).lookingAt()) {
                b.append("{'__class__':'complex','real':0.0,'imag':").append(m.group(1)).append('}'); // 2j
                i = m.end();
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** A number may start here: not in the middle of another number or word. */
    private static boolean startsNumber(String s, int i) {
        char c = s.charAt(i);
        if (!Character.isDigit(c) && c != 'i' && c != 'n') {
            return false;
        }
        char before = i > 0 ? s.charAt(i - 1) : ' ';
        return !Character.isLetterOrDigit(before) && before != '.' && before != '_';
    }

    /** The index after the string literal that starts at {@code start}. */
    private static int stringEnd(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    static String rewriteLongEscapes(String text) {
        int first = text.indexOf("\\U");
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                b.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == 'U' && i + 10 <= text.length() && isHex(text, i + 2, i + 10)) {
                int cp = (int) Long.parseLong(text.substring(i + 2, i + 10), 16);
                if (!Character.isValidCodePoint(cp)) {
                    throw new IllegalArgumentException("invalid \\U escape: " + text.substring(i, i + 10));
                }
                for (char u : Character.toChars(cp)) {
                    b.append(String.format("\\u%04x", (int) u));
                }
                i += 10;
            } else {
                b.append(c).append(next); // keeps \\ pairs together so \\U is not rewritten
                i += 2;
            }
        }
        return b.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
