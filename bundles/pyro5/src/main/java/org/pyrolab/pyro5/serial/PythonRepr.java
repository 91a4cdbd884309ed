package org.pyrolab.pyro5.serial;

/** Python 3's {@code repr()} of a str, which {@code ast.literal_eval} reads back exactly. */
final class PythonRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonRepr() {
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        append(b, s);
        return b.toString();
    }

    /**
     * Appends the repr of {@code s}: quoted with {@code '}, or with {@code "} when the string
     * holds a {@code '} and no {@code "}; printable non-ASCII characters raw (also above the BMP,
     * never as two surrogate escapes), the rest as {@code \xNN}, {@code \\uNNNN} or
     * {@code \UNNNNNNNN}.
     */
    static void append(StringBuilder b, String s) {
        boolean single = false;
        boolean dbl = false;
        boolean plain = true;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\') {
                plain = false;
            } else if (c == '\'') {
                single = true;
            } else if (c == '"') {
                dbl = true;
            }
        }
        char quote = single && !dbl ? '"' : '\'';
        b.append(quote);
        if (plain && !(single && dbl)) {
            b.append(s); // the common case: printable ASCII, no escapes needed
            b.append(quote);
            return;
        }
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (cp == quote) {
                        b.append('\\').append((char) cp);
                    } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xad) {
                        b.append("\\x");
                        hex(b, cp, 2);
                    } else if (cp < 0x7f || isPrintable(cp)) {
                        b.appendCodePoint(cp); // raw: UTF-8 on the wire, also above the BMP
                    } else if (cp <= 0xffff) {
                        b.append("\\u");
                        hex(b, cp, 4);
                    } else {
                        b.append("\\U");
                        hex(b, cp, 8);
                    }
                }
            }
        }
        b.append(quote);
    }

    private static void hex(StringBuilder b, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b.append(HEX[(v >>> shift) & 0xf]);
        }
    }

    /** Python's str.isprintable for one code point above U+00A0. */
    private static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
