package org.pyrolab.remote.serial;

/** Python 3's {@code repr()} of a str, which {@code ast.literal_eval} reads back exactly. */
final class PythonRepr {

    private PythonRepr() {
    }

    static String str(String s) {
        boolean single = s.indexOf('\'') >= 0;
        boolean dbl = s.indexOf('"') >= 0;
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append(quote);
        for (int i = 0; i < s.length(); ) {
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
                        b.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x7f || isPrintable(cp)) {
                        b.appendCodePoint(cp); // raw: UTF-8 on the wire, also above the BMP
                    } else if (cp <= 0xffff) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return b.append(quote).toString();
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
