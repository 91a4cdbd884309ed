package org.pyrolab.pyro5.serial;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Writes a value as a serpent payload: the line {@code # serpent utf-8 python3.2} and one Python
 * literal that {@code ast.literal_eval} and Pyrolite 5.1 read back, with no trailing newline.
 *
 * <p>str is Python's {@code repr} ({@link PythonRepr}); int any size up to
 * {@value SerpentReader#MAX_INT_DIGITS} digits (Python refuses more); float Python's {@code repr}
 * ({@code 2.5}, {@code 1e-05}, {@code 1e+16}), {@code 1e30000}/{@code -1e30000} for infinities and
 * the dict {@code {'__class__':'float','value':'nan'}} for NaN; Object[] and primitive arrays a
 * tuple; a Set a set ({@code ()} when empty, as serpent writes it); other collections a list; Map
 * a dict whose keys are str, numbers, bool, complex or tuples of those; byte[] the
 * {@code {'data':…,'encoding':'base64'}} dict; char[] and Character a str; {@link Complex}
 * {@code (1.0-2.0j)}; exceptions the Pyro exception dict; everything else goes through
 * {@link PyroValues#toPlain}. Containers nest at most {@value SerpentReader#MAX_DEPTH} levels, as
 * for reading, so a reference cycle is an IllegalArgumentException, not a StackOverflowError.
 */
final class SerpentWriter {

    static final String HEADER = "# serpent utf-8 python3.2\n";
    private static final String NAN = "{'__class__':'float','value':'nan'}";
    /** An integer of more than this many bits has more than 4300 decimal digits (2^14286 > 10^4300). */
    private static final int MAX_INT_BITS = 14286;

    private final StringBuilder b;

    private SerpentWriter() {
        b = new StringBuilder(128).append(HEADER);
    }

    /** The UTF-8 payload for a value. */
    static byte[] write(Object value) {
        SerpentWriter w = new SerpentWriter();
        w.value(value, 0);
        return w.b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a value inside {@code depth} brackets. */
    private void value(Object v, int depth) {
        for (int conversions = 0; !known(v, depth); conversions++) {
            if (conversions >= SerpentReader.MAX_DEPTH) {
                throw new IllegalArgumentException("cannot serialize: " + SerpentReader.MAX_DEPTH + " conversions of "
                        + v.getClass().getName() + " did not give a plain value");
            }
            v = PyroValues.toPlain(v);
        }
    }

    /** Writes the value if it is one of the types written directly; false otherwise. */
    private boolean known(Object v, int depth) {
        if (v == null) {
            b.append("None");
        } else if (v instanceof String s) {
            PythonRepr.append(b, s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Double d) {
            floatValue(d, depth);
        } else if (v instanceof Boolean bool) {
            b.append(bool ? "True" : "False");
        } else if (v instanceof Map<?, ?> m) {
            dict(m, depth);
        } else if (v instanceof Set<?> s) {
            set(s, depth);
        } else if (v instanceof Collection<?> c) {
            list(c, depth);
        } else if (v instanceof Object[] a) {
            tuple(a, depth, false);
        } else if (v instanceof byte[] bytes) {
            enter(depth);
            b.append("{'data':'").append(Base64.getEncoder().encodeToString(bytes)).append("','encoding':'base64'}");
        } else if (v instanceof BigInteger i) {
            bigInteger(i);
        } else if (v instanceof Float f) {
            floatValue(Double.parseDouble(Float.toString(f)), depth); // 0.1f stays 0.1
        } else if (v instanceof Character c) {
            PythonRepr.append(b, String.valueOf(c.charValue()));
        } else if (v instanceof char[] chars) {
            PythonRepr.append(b, new String(chars));
        } else if (v instanceof Complex c) {
            complex(c, depth);
        } else if (v.getClass().isArray()) {
            primitiveTuple(v, depth);
        } else if (v instanceof Throwable t) {
            dict(ExceptionMapper.toDict(t, false), depth);
        } else if (v instanceof PyroUri u) {
            dict(u.toDict(), depth);
        } else {
            return false;
        }
        return true;
    }

    /** The depth inside a bracket opened at {@code depth}; refuses to go deeper than the limit. */
    private static int enter(int depth) {
        if (depth >= SerpentReader.MAX_DEPTH) {
            throw new IllegalArgumentException("cannot serialize: nested deeper than " + SerpentReader.MAX_DEPTH
                    + " levels (a reference cycle?)");
        }
        return depth + 1;
    }

    private void dict(Map<?, ?> m, int depth) {
        int inner = enter(depth);
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            key(e.getKey(), inner, "dict key");
            b.append(':');
            value(e.getValue(), inner);
        }
        b.append('}');
    }

    private void set(Set<?> s, int depth) {
        int inner = enter(depth);
        if (s.isEmpty()) {
            b.append("()"); // Python has no empty set literal; serpent writes an empty tuple
            return;
        }
        b.append('{');
        boolean first = true;
        for (Object e : s) {
            if (!first) {
                b.append(',');
            }
            first = false;
            if (e == null) {
                b.append("None");
            } else {
                key(e, inner, "set element");
            }
        }
        b.append('}');
    }

    private void list(Collection<?> c, int depth) {
        int inner = enter(depth);
        b.append('[');
        boolean first = true;
        for (Object e : c) {
            if (!first) {
                b.append(',');
            }
            first = false;
            value(e, inner);
        }
        b.append(']');
    }

    /** A tuple; {@code asKey} when it is (part of) a dict key or set element, which must be hashable. */
    private void tuple(Object[] a, int depth, boolean asKey) {
        int inner = enter(depth);
        b.append('(');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (asKey) {
                if (a[i] == null) {
                    b.append("None");
                } else {
                    key(a[i], inner, "tuple element of a dict key");
                }
            } else {
                value(a[i], inner);
            }
        }
        if (a.length == 1) {
            b.append(',');
        }
        b.append(')');
    }

    private void primitiveTuple(Object array, int depth) {
        int inner = enter(depth);
        int n = Array.getLength(array);
        b.append('(');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            value(Array.get(array, i), inner);
        }
        if (n == 1) {
            b.append(',');
        }
        b.append(')');
    }

    /**
     * A dict key or set element: Python needs it hashable, so str, numbers, bool, complex or a
     * tuple of those (None is refused as a dict key). Other Java types are converted with
     * {@link PyroValues#toPlain} first (an enum becomes its name, a UUID a str).
     */
    private void key(Object k, int depth, String what) {
        Object p = k;
        for (int conversions = 0; ; conversions++) {
            if (p == null) {
                throw new IllegalArgumentException("cannot serialize: None as a " + what);
            }
            if (p instanceof String || p instanceof Number && !(p instanceof Double || p instanceof Float)
                    || p instanceof Boolean || p instanceof Character || p instanceof char[]) {
                value(p, depth);
                return;
            }
            if (p instanceof Double || p instanceof Float || p instanceof Complex) {
                if (p instanceof Complex c ? Double.isNaN(c.real()) || Double.isNaN(c.imag()) : Double.isNaN(((Number) p).doubleValue())) {
                    throw new IllegalArgumentException("cannot serialize: NaN as a " + what);
                }
                value(p, depth);
                return;
            }
            if (p instanceof Object[] a) {
                tuple(a, depth, true);
                return;
            }
            if (p.getClass().isArray() && !(p instanceof byte[])) {
                primitiveTuple(p, depth);
                return;
            }
            if (p instanceof Map || p instanceof Collection || p instanceof byte[] || p instanceof Throwable
                    || p instanceof PyroUri || conversions >= SerpentReader.MAX_DEPTH) {
                throw new IllegalArgumentException("cannot serialize: a " + what + " of " + k.getClass().getName()
                        + " is not hashable in Python (use str, numbers, bool or tuples)");
            }
            Object q = PyroValues.toPlain(p);
            if (q instanceof Map) {
                throw new IllegalArgumentException("cannot serialize: a " + what + " of " + k.getClass().getName()
                        + " would be a dict, which is not hashable in Python");
            }
            p = q;
        }
    }

    private void bigInteger(BigInteger i) {
        if (i.bitLength() < 64) {
            b.append(i.longValue());
            return;
        }
        String digits = i.bitLength() > MAX_INT_BITS ? null : i.toString();
        if (digits == null || digits.length() - (i.signum() < 0 ? 1 : 0) > SerpentReader.MAX_INT_DIGITS) {
            throw new IllegalArgumentException("cannot serialize: an int of more than " + SerpentReader.MAX_INT_DIGITS
                    + " digits (Python refuses to read it)");
        }
        b.append(digits);
    }

    private void floatValue(double d, int depth) {
        if (Double.isNaN(d)) {
            enter(depth);
            b.append(NAN);
        } else {
            appendDouble(b, d);
        }
    }

    private void complex(Complex c, int depth) {
        int inner = enter(depth);
        if (Double.isNaN(c.real()) || Double.isNaN(c.imag())) {
            // no literal for it: the dict PyroValues.fromDict reads back (a Python client gets a dict)
            b.append("{'__class__':'complex','real':");
            floatValue(c.real(), inner);
            b.append(",'imag':");
            floatValue(c.imag(), inner);
            b.append('}');
            return;
        }
        appendComplex(b, c);
    }

    /** {@code (re+imj)} for finite or infinite parts. */
    static void appendComplex(StringBuilder b, Complex c) {
        b.append('(');
        appendDouble(b, c.real());
        double im = c.imag();
        if (Double.doubleToRawLongBits(im) < 0) { // negative, also -0.0
            b.append('-');
            appendDouble(b, -im);
        } else {
            b.append('+');
            appendDouble(b, im);
        }
        b.append("j)");
    }

    /**
     * A double as Python's {@code repr} writes it: {@code 2.5}, {@code 100.0}, {@code 1e-05},
     * {@code 1e+16}, {@code -0.0}; {@code 1e30000}/{@code -1e30000} for the infinities. The digits
     * are Java's {@link Double#toString}, which read back to the same double (on Java 17 they are
     * occasionally one digit longer than Python's shortest form).
     */
    static void appendDouble(StringBuilder b, double d) {
        if (Double.isNaN(d)) {
            b.append(NAN);
            return;
        }
        if (Double.isInfinite(d)) {
            b.append(d > 0 ? "1e30000" : "-1e30000");
            return;
        }
        if (d == 0) {
            b.append(Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
            return;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            b.append((long) d).append(".0");
            return;
        }
        if (d < 0) {
            b.append('-');
            d = -d;
        }
        String js = Double.toString(d); // "123.456" or "1.2345E-5"
        int e = js.indexOf('E');
        int mantissaEnd = e < 0 ? js.length() : e;
        int exp = e < 0 ? 0 : Integer.parseInt(js, e + 1, js.length(), 10);
        int dot = js.indexOf('.');
        char[] digits = new char[mantissaEnd];
        int nd = 0;
        for (int i = 0; i < mantissaEnd; i++) {
            char c = js.charAt(i);
            if (c != '.') {
                digits[nd++] = c;
            }
        }
        int decpt = dot + exp; // value = 0.DIGITS * 10^decpt
        int start = 0;
        while (start < nd - 1 && digits[start] == '0') {
            start++;
            decpt--;
        }
        while (nd - 1 > start && digits[nd - 1] == '0') {
            nd--;
        }
        int count = nd - start;
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                b.append("0.");
                for (int i = decpt; i < 0; i++) {
                    b.append('0');
                }
                b.append(digits, start, count);
            } else if (decpt >= count) {
                b.append(digits, start, count);
                for (int i = count; i < decpt; i++) {
                    b.append('0');
                }
                b.append(".0");
            } else {
                b.append(digits, start, decpt).append('.').append(digits, start + decpt, count - decpt);
            }
        } else {
            int x = decpt - 1;
            b.append(digits[start]);
            if (count > 1) {
                b.append('.').append(digits, start + 1, count - 1);
            }
            b.append(x < 0 ? "e-" : "e+");
            int ax = Math.abs(x);
            if (ax < 10) {
                b.append('0');
            }
            b.append(ax);
        }
    }
}
