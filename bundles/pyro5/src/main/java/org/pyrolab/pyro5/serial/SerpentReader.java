package org.pyrolab.pyro5.serial;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a serpent payload: UTF-8 text holding one Python literal, as {@code ast.literal_eval}
 * reads it, with comment lines such as {@code # serpent utf-8 python3.2} skipped. None is null,
 * bool Boolean, int Integer, Long or BigInteger (the smallest that fits), float Double, str
 * String, {@code b'…'} byte[], tuple Object[], list ArrayList, set LinkedHashSet (serpent writes
 * an empty set as the empty tuple {@code ()}), complex {@link Complex}, and dict LinkedHashMap
 * passed through {@link PyroValues#fromDict} (URI, NaN and complex dicts). Tuple dict keys stay
 * Object[]. Anything else is an IllegalArgumentException naming the offset (in characters).
 *
 * <p>The payload comes from the network, so the reader has limits. It makes one pass with no
 * backtracking, so its time is linear in the input, and it allocates little beyond the result
 * (which, as in Python, can take some tens of bytes per input byte for input such as
 * {@code [{},{},…]}; the message size limit bounds it).
 * <ul>
 * <li>{@value #MAX_DEPTH} levels of brackets at most, which is Python's own limit (its tokenizer
 * refuses a 201st nested bracket). The reader recurses once per level, so the limit also bounds
 * its stack use to a few tens of KB; deeper input is refused before it could overflow.
 * <li>{@value #MAX_INT_DIGITS} digits per integer literal, Python's
 * {@code sys.int_info.default_max_str_digits}: converting decimal text to a BigInteger takes
 * time quadratic in its length, so a megabyte of digits would keep a thread busy for minutes.
 * Longer literals are refused while scanning, before any conversion. The same limit applies to
 * hex, octal and binary literals (Python allows those longer; no serpent writer produces them).
 * <li>{@value #MAX_FLOAT_CHARS} characters per float or imaginary literal (the longest repr of a
 * double is 24).
 * <li>Python's hashability: a list, dict or set cannot be a dict key or set element.
 * <li>At most {@value #MAX_SAME_HASH} keys of a dict or elements of a set with one hash
 * code, once they are of mixed types: Java's HashMap is quadratic for colliding keys of different
 * classes, and such collisions are easy to make (see {@link HashGuard}).
 * </ul>
 */
final class SerpentReader {

    /** Maximum nesting of brackets (tuple, list, dict, set, parentheses), as in Python. */
    static final int MAX_DEPTH = 200;
    /** Maximum digits of an integer literal, as Python's default int_max_str_digits. */
    static final int MAX_INT_DIGITS = 4300;
    /** Maximum characters of a float literal. */
    static final int MAX_FLOAT_CHARS = 400;
    /** Maximum keys of a dict (elements of a set) with one hash code, when of mixed classes. */
    static final int MAX_SAME_HASH = 64;

    private static final String PREFIX = "unparsable serpent payload: ";
    private static final Object[] EMPTY_TUPLE = {};
    private static final int MAX_NAME_IN_MESSAGE = 20;

    private final String s;
    private final int n;
    private int pos;
    private int depth;
    /** Whether the value just parsed is a list, dict or set (unhashable in Python). */
    private boolean unhashable;

    private SerpentReader(String text) {
        this.s = text;
        this.n = text.length();
    }

    /** Parses a payload; throws IllegalArgumentException with the reason and offset. */
    static Object read(byte[] payload) {
        return read(text(payload));
    }

    static Object read(String text) {
        return new SerpentReader(text).document();
    }

    private static String text(byte[] payload) {
        for (byte x : payload) {
            if (x < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(payload)).toString();
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException(PREFIX + "not valid UTF-8", e);
                }
            }
        }
        return new String(payload, StandardCharsets.ISO_8859_1); // all ASCII
    }

    /** The whole payload: one expression, or a bare tuple {@code 1, 2} as Python allows. */
    private Object document() {
        skipSpace();
        if (pos >= n) {
            throw error("no value");
        }
        Object v = value();
        skipSpace();
        if (pos < n && s.charAt(pos) == ',') {
            List<Object> items = new ArrayList<>();
            items.add(v);
            while (pos < n && s.charAt(pos) == ',') {
                pos++;
                skipSpace();
                if (pos >= n) {
                    break;
                }
                items.add(value());
                skipSpace();
            }
            v = items.toArray();
        }
        if (pos < n) {
            throw unexpected();
        }
        return v;
    }

    private Object value() {
        if (pos >= n) {
            throw unexpected();
        }
        char c = s.charAt(pos);
        switch (c) {
            case '[':
                return list();
            case '(':
                return parenthesized();
            case '{':
                return braces();
            case '\'':
            case '"':
                return strings(0);
            case '-':
            case '+':
                return signedNumber();
            default:
                if (c >= '0' && c <= '9' || c == '.') {
                    return number(false);
                }
                if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_') {
                    return name();
                }
                throw unexpected();
        }
    }

    // ---- containers

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        skipSpace();
    }

    private Object list() {
        enter();
        List<Object> list = new ArrayList<>();
        if (!closes(']')) {
            do {
                list.add(value());
            } while (separator(']'));
        }
        depth--;
        unhashable = true;
        return list;
    }

    /** {@code ()} the empty tuple, {@code (x)} just x (also {@code (1-2j)}), {@code (x,…)} a tuple. */
    private Object parenthesized() {
        enter();
        if (closes(')')) {
            depth--;
            unhashable = false;
            return EMPTY_TUPLE;
        }
        Object first = value();
        boolean firstUnhashable = unhashable;
        skipSpace();
        if (closes(')')) {
            depth--;
            unhashable = firstUnhashable;
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first);
        if (separator(')')) {
            do {
                items.add(value());
            } while (separator(')'));
        }
        depth--;
        unhashable = false;
        return items.toArray();
    }

    /** A dict, a set, or the empty dict {@code {}}. */
    private Object braces() {
        int start = pos;
        enter();
        if (closes('}')) {
            depth--;
            unhashable = true;
            return dict(new LinkedHashMap<>(), start);
        }
        int keyAt = pos;
        Object first = value();
        hashable(keyAt);
        skipSpace();
        if (pos < n && s.charAt(pos) == ':') {
            Map<Object, Object> map = new LinkedHashMap<>();
            HashGuard guard = new HashGuard(first);
            Object key = first;
            while (true) {
                pos++; // ':'
                skipSpace();
                int size = map.size();
                map.put(key, value());
                if (map.size() > size) {
                    guard.added(map.keySet(), key, keyAt, this);
                }
                if (!separator('}')) {
                    break;
                }
                keyAt = pos;
                key = value();
                hashable(keyAt);
                skipSpace();
                if (pos >= n || s.charAt(pos) != ':') {
                    throw unexpected();
                }
            }
            depth--;
            unhashable = true;
            return dict(map, start);
        }
        Set<Object> set = new LinkedHashSet<>();
        set.add(first);
        HashGuard guard = new HashGuard(first);
        while (separator('}')) {
            keyAt = pos;
            Object e = value();
            hashable(keyAt);
            if (set.add(e)) {
                guard.added(set, e, keyAt, this);
            }
        }
        depth--;
        unhashable = true;
        return set;
    }

    /**
     * Refuses hash flooding. Keys of one class are cheap even when their hash codes collide (the
     * HashMap orders Comparable keys), but many keys of different classes with one hash code (a
     * Long and a BigInteger, say) make each insertion scan all of them: quadratic time. So once a
     * dict or set has keys of more than one class and more than {@value #FROM_SIZE} entries, keys
     * are counted per hash code and more than {@value SerpentReader#MAX_SAME_HASH} with one code
     * are refused; real data has a handful at most.
     */
    private static final class HashGuard {
        static final int FROM_SIZE = 64;
        private final Class<?> firstClass;
        private boolean mixed;
        private Map<Integer, int[]> counts;

        HashGuard(Object first) {
            firstClass = first == null ? null : first.getClass();
        }

        /** After a new key was added to {@code keys}. */
        void added(Collection<Object> keys, Object key, int at, SerpentReader r) {
            if (!mixed) {
                mixed = key == null || key.getClass() != firstClass;
            }
            if (!mixed || keys.size() <= FROM_SIZE) {
                return;
            }
            if (counts == null) {
                counts = new HashMap<>();
                for (Object k : keys) {
                    count(k, at, r);
                }
            } else {
                count(key, at, r);
            }
        }

        private void count(Object key, int at, SerpentReader r) {
            if (++counts.computeIfAbsent(Objects.hashCode(key), h -> new int[1])[0] > MAX_SAME_HASH) {
                r.pos = at;
                throw r.error("more than " + MAX_SAME_HASH + " dict keys or set elements with the same hash code");
            }
        }
    }

    private Object dict(Map<Object, Object> map, int start) {
        try {
            return PyroValues.fromDict(map);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage() + " in the dict at offset " + start, e);
        }
    }

    private void hashable(int at) {
        if (unhashable) {
            throw new IllegalArgumentException(PREFIX + "unhashable dict key or set element (list, dict or set) at offset " + at);
        }
    }

    /** Consumes the closing bracket if it is next. */
    private boolean closes(char close) {
        if (pos < n && s.charAt(pos) == close) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * After an element: true when another element follows ({@code ,} then not the closing
     * bracket), false when the bracket was closed (also after a trailing comma).
     */
    private boolean separator(char close) {
        skipSpace();
        if (pos >= n) {
            throw unexpected();
        }
        char c = s.charAt(pos);
        if (c == close) {
            pos++;
            return false;
        }
        if (c != ',') {
            throw unexpected();
        }
        pos++;
        skipSpace();
        return !closes(close);
    }

    // ---- names

    private Object name() {
        int start = pos;
        while (pos < n && isNameChar(s.charAt(pos))) {
            pos++;
        }
        if (pos < n && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
            int flags = prefixFlags(start, pos);
            if (flags >= 0) {
                return strings(flags);
            }
        }
        unhashable = false;
        int len = pos - start;
        if (len == 4 && s.startsWith("None", start)) {
            return null;
        }
        if (len == 4 && s.startsWith("True", start)) {
            return Boolean.TRUE;
        }
        if (len == 5 && s.startsWith("False", start)) {
            return Boolean.FALSE;
        }
        if (len == 3 && s.startsWith("set", start)) { // set(): literal_eval's empty set
            skipSpace();
            if (pos < n && s.charAt(pos) == '(') {
                enter();
                if (closes(')')) {
                    depth--;
                    unhashable = true;
                    return new LinkedHashSet<>();
                }
                throw unexpected();
            }
        }
        String name = pos - start > MAX_NAME_IN_MESSAGE ? s.substring(start, start + MAX_NAME_IN_MESSAGE) + "…" : s.substring(start, pos);
        pos = start;
        throw error("unexpected '" + name + "'");
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static final int RAW = 1;
    private static final int BYTES = 2;

    /** The flags of a string prefix such as {@code b}, {@code r}, {@code rb}, {@code u}; -1 if not one. */
    private int prefixFlags(int from, int to) {
        int flags = 0;
        int len = to - from;
        if (len == 0 || len > 2) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            int f = c == 'r' ? RAW : c == 'b' ? BYTES : c == 'u' && len == 1 ? 0 : -1;
            if (f < 0 || (f != 0 && (flags & f) != 0)) {
                return -1;
            }
            flags |= f;
        }
        return flags;
    }

    // ---- strings

    /** One string literal, then any adjacent ones ({@code 'a' 'b'} is {@code 'ab'}). */
    private Object strings(int flags) {
        boolean bytes = (flags & BYTES) != 0;
        String first = stringLiteral(flags);
        StringBuilder more = null;
        while (true) {
            skipSpace();
            int at = pos;
            int next = stringStart();
            if (next < 0) {
                break;
            }
            if (((next & BYTES) != 0) != bytes) {
                pos = at;
                throw error("bytes and str literals mixed");
            }
            if (more == null) {
                more = new StringBuilder(first);
            }
            more.append(stringLiteral(next));
        }
        String text = more == null ? first : more.toString();
        unhashable = false;
        if (bytes) {
            byte[] b = new byte[text.length()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) text.charAt(i);
            }
            return b;
        }
        return text;
    }

    /** If a string literal starts here, skips its prefix and returns its flags; else -1. */
    private int stringStart() {
        if (pos >= n) {
            return -1;
        }
        char c = s.charAt(pos);
        if (c == '\'' || c == '"') {
            return 0;
        }
        int p = pos;
        while (p < n && p - pos < 3 && isNameChar(s.charAt(p))) {
            p++;
        }
        if (p < n && (s.charAt(p) == '\'' || s.charAt(p) == '"')) {
            int flags = prefixFlags(pos, p);
            if (flags >= 0) {
                pos = p;
                return flags;
            }
        }
        return -1;
    }

    /**
     * One quoted literal at {@code pos} (the quote), with Python's escapes. A bytes literal comes
     * back as a String of chars 0 to 255.
     */
    private String stringLiteral(int flags) {
        boolean raw = (flags & RAW) != 0;
        boolean bytes = (flags & BYTES) != 0;
        int open = pos;
        char q = s.charAt(pos);
        boolean triple = pos + 2 < n && s.charAt(pos + 1) == q && s.charAt(pos + 2) == q;
        pos += triple ? 3 : 1;
        int chunk = pos;
        StringBuilder sb = null;
        while (true) {
            if (pos >= n) {
                pos = open;
                throw error("unterminated string literal");
            }
            char c = s.charAt(pos);
            if (c == q && (!triple || pos + 2 < n && s.charAt(pos + 1) == q && s.charAt(pos + 2) == q)) {
                String last = s.substring(chunk, pos);
                pos += triple ? 3 : 1;
                return sb == null ? last : sb.append(last).toString();
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(Math.min(n - open, 64 + 2 * (pos - chunk)));
                }
                sb.append(s, chunk, pos);
                if (raw) {
                    if (pos + 1 >= n) {
                        pos = open;
                        throw error("unterminated string literal");
                    }
                    if (bytes && s.charAt(pos + 1) > 0x7f) {
                        pos++;
                        throw error("non-ASCII character in a bytes literal");
                    }
                    sb.append(c).append(s.charAt(pos + 1));
                    pos += 2;
                } else {
                    escape(sb, bytes);
                }
                chunk = pos;
                continue;
            }
            checkChar(c, triple, bytes);
            pos++;
        }
    }

    private void checkChar(char c, boolean triple, boolean bytes) {
        if (!triple && (c == '\n' || c == '\r')) {
            throw error("line break in a string literal");
        }
        if (bytes && c > 0x7f) {
            throw error("non-ASCII character in a bytes literal");
        }
    }

    /** One escape sequence at {@code pos} (the backslash). */
    private void escape(StringBuilder sb, boolean bytes) {
        int at = pos;
        if (pos + 1 >= n) {
            throw error("unterminated string literal");
        }
        char e = s.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\n' -> { } // line continuation
            case '\r' -> {
                if (pos < n && s.charAt(pos) == '\n') {
                    pos++;
                }
            }
            case '\\', '\'', '"' -> sb.append(e);
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = e - '0';
                for (int i = 0; i < 2 && pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; i++) {
                    v = v * 8 + s.charAt(pos++) - '0';
                }
                sb.append((char) (bytes ? v & 0xff : v));
            }
            case 'x' -> sb.append((char) hexDigits(2, at));
            case 'u', 'U', 'N' -> {
                if (bytes) {
                    sb.append('\\').append(e); // not escapes in bytes
                } else if (e == 'N') {
                    sb.appendCodePoint(namedChar(at));
                } else {
                    int cp = hexDigits(e == 'u' ? 4 : 8, at);
                    if (cp > Character.MAX_CODE_POINT) {
                        pos = at;
                        throw error("\\U escape beyond U+10FFFF");
                    }
                    sb.appendCodePoint(cp);
                }
            }
            default -> {
                if (bytes && e > 0x7f) {
                    pos = at + 1;
                    throw error("non-ASCII character in a bytes literal");
                }
                sb.append('\\').append(e); // Python keeps unknown escapes
            }
        }
    }

    private int hexDigits(int count, int at) {
        if (pos + count > n) {
            pos = at;
            throw error("truncated \\x, \\u or \\U escape");
        }
        int v = 0;
        for (int i = 0; i < count; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0 || s.charAt(pos + i) > 'f') {
                pos = at;
                throw error("truncated \\x, \\u or \\U escape");
            }
            v = v << 4 | d;
        }
        pos += count;
        return v;
    }

    /** {@code \N{NAME}}: the Unicode character name, at most 100 characters. */
    private int namedChar(int at) {
        if (pos >= n || s.charAt(pos) != '{') {
            pos = at;
            throw error("malformed \\N{…} escape");
        }
        int close = s.indexOf('}', pos);
        if (close < 0 || close - pos > 101) {
            pos = at;
            throw error("malformed \\N{…} escape");
        }
        String name = s.substring(pos + 1, close);
        try {
            int cp = Character.codePointOf(name);
            pos = close + 1;
            return cp;
        } catch (IllegalArgumentException e) {
            pos = at;
            throw error("unknown Unicode character name in \\N{…}");
        }
    }

    // ---- numbers

    private Object signedNumber() {
        boolean negative = s.charAt(pos) == '-';
        pos++;
        skipSpace();
        if (pos < n && (s.charAt(pos) >= '0' && s.charAt(pos) <= '9' || s.charAt(pos) == '.')) {
            return number(negative);
        }
        throw unexpected();
    }

    private static final int INT = 0;
    private static final int FLOAT = 1;
    private static final int IMAG = 2;

    /** The kind of the last number token, set by {@link #scanNumber}. */
    private int kind;

    /**
     * A number with an optional sign already consumed, and a complex {@code a+bj} / {@code a-bj}
     * when an imaginary number follows.
     */
    private Object number(boolean negative) {
        Object magnitude = scanNumber();
        unhashable = false;
        if (kind == IMAG) {
            double im = (Double) magnitude;
            return negative ? new Complex(-0.0, -im) : new Complex(0.0, im); // -(0+imj), as Python
        }
        Object real = negative ? negate(magnitude) : magnitude;
        int save = pos;
        skipSpace();
        if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            boolean minus = s.charAt(pos) == '-';
            pos++;
            skipSpace();
            int imAt = pos;
            if (pos >= n || !(s.charAt(pos) >= '0' && s.charAt(pos) <= '9' || s.charAt(pos) == '.')) {
                throw unexpected();
            }
            Object im = scanNumber();
            if (kind != IMAG) {
                pos = imAt;
                throw error("expected an imaginary number");
            }
            double re = ((Number) real).doubleValue();
            double i = (Double) im;
            // Python: real op complex(0.0, i)
            return minus ? new Complex(re - 0.0, 0.0 - i) : new Complex(re + 0.0, 0.0 + i);
        }
        pos = save;
        if (real instanceof Double) {
            return real;
        }
        return narrow(real);
    }

    private static Object negate(Object v) {
        if (v instanceof Double d) {
            return -d;
        }
        if (v instanceof Long l) {
            return -l; // magnitude < 2^63, so no overflow
        }
        return ((BigInteger) v).negate();
    }

    /** Integer if it fits, else Long, else BigInteger. */
    private static Object narrow(Object v) {
        if (v instanceof Long l) {
            long x = l;
            return x == (int) x ? (Object) (int) x : l;
        }
        BigInteger b = (BigInteger) v;
        if (b.bitLength() <= 31) {
            return b.intValue();
        }
        if (b.bitLength() <= 63) {
            return b.longValue();
        }
        return b;
    }

    /**
     * Scans one unsigned number token at {@code pos} (a digit or '.') and converts it: Long or
     * BigInteger for an int, Double for a float or an imaginary number ({@link #kind} tells).
     * Every digit run is counted while scanning and refused past the limits, before converting.
     */
    private Object scanNumber() {
        int start = pos;
        char c = s.charAt(pos);
        if (c == '0' && pos + 1 < n) {
            char x = Character.toLowerCase(s.charAt(pos + 1));
            int radix = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 10;
            if (radix != 10) {
                pos += 2;
                if (pos < n && s.charAt(pos) == '_') {
                    pos++;
                }
                int digits = digitRun(radix, start);
                if (digits == 0) {
                    throw error("invalid number literal");
                }
                endOfNumber();
                kind = INT;
                return toInteger(start + 2, pos, radix, digits);
            }
        }
        int intDigits = c == '.' ? 0 : digitRun(10, start);
        boolean isFloat = false;
        if (pos < n && s.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            if (intDigits == 0 && !(pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9')) {
                pos = start;
                throw unexpected();
            }
            if (pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                digitRun(10, start);
            }
        }
        if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (!(pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9')) {
                throw error("invalid float literal");
            }
            digitRun(10, start);
        }
        boolean imag = pos < n && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J');
        int end = pos;
        if (imag) {
            pos++;
        }
        endOfNumber();
        if (!isFloat && !imag) {
            kind = INT;
            if (s.charAt(start) == '0') {
                for (int i = start; i < end; i++) {
                    if (s.charAt(i) != '0' && s.charAt(i) != '_') {
                        pos = start;
                        throw error("leading zeros in an integer literal");
                    }
                }
            }
            return toInteger(start, end, 10, intDigits);
        }
        kind = imag ? IMAG : FLOAT;
        if (end - start > MAX_FLOAT_CHARS) {
            pos = start;
            throw error("float literal longer than " + MAX_FLOAT_CHARS + " characters");
        }
        String text = s.substring(start, end);
        if (text.indexOf('_') >= 0) {
            text = text.replace("_", "");
        }
        return Double.parseDouble(text); // validated above; "1e30000" is Infinity
    }

    /**
     * Digits of the radix with single underscores between them, at {@code pos}; returns how many
     * digits. Refuses more than {@value #MAX_INT_DIGITS} as soon as it sees them.
     */
    private int digitRun(int radix, int start) {
        int count = 0;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '_') {
                if (count == 0 || pos + 1 >= n || Character.digit(s.charAt(pos + 1), radix) < 0 || s.charAt(pos + 1) > 'f') {
                    throw error("invalid '_' in a number literal");
                }
                pos++;
                continue;
            }
            if (c > 'f' || Character.digit(c, radix) < 0) {
                break;
            }
            if (++count > MAX_INT_DIGITS) {
                pos = start;
                throw error("number literal of more than " + MAX_INT_DIGITS + " digits (Python's int_max_str_digits limit)");
            }
            pos++;
        }
        return count;
    }

    /** A number must not run into a name or another number ({@code 1abc}, {@code 1.2.3}). */
    private void endOfNumber() {
        if (pos < n) {
            char c = s.charAt(pos);
            if (isNameChar(c) || c == '.') {
                throw unexpected();
            }
        }
    }

    private Object toInteger(int from, int to, int radix, int digits) {
        boolean underscores = false;
        if (digits <= (radix == 10 ? 18 : radix == 16 ? 15 : radix == 8 ? 20 : 62)) {
            long v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c != '_') {
                    v = v * radix + Character.digit(c, radix);
                }
            }
            return v;
        }
        String text = s.substring(from, to);
        for (int i = 0; i < text.length() && !underscores; i++) {
            underscores = text.charAt(i) == '_';
        }
        return new BigInteger(underscores ? text.replace("_", "") : text, radix);
    }

    // ---- whitespace, comments, errors

    /** Skips spaces, tabs, line breaks, form feeds, comments and backslash line continuations. */
    private void skipSpace() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < n && (s.charAt(pos + 1) == '\n' || s.charAt(pos + 1) == '\r')) {
                pos += 2;
            } else {
                return;
            }
        }
    }

    private IllegalArgumentException unexpected() {
        if (pos >= n) {
            return new IllegalArgumentException(PREFIX + "unexpected end at offset " + pos);
        }
        char c = s.charAt(pos);
        String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
        return error("unexpected " + shown);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(PREFIX + what + " at offset " + pos);
    }
}
