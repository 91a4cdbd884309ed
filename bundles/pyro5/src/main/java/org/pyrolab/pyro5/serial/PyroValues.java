package org.pyrolab.pyro5.serial;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How Java values that neither serializer knows map to Python values, in one place for both
 * serializers. Records, DTOs with public fields and beans become dicts (without {@code __class__}:
 * a Python client refuses unknown class names); enums their name; java.time values their ISO
 * string, as Python's isoformat; a Duration its seconds as a float; Optional its value or None; a
 * Character a one-letter str; a Throwable a Pyro exception dict; {@link PyroUri} the URI dict.
 */
public final class PyroValues {

    private PyroValues() {
    }

    /** True for values the serializers write natively. */
    public static boolean isNative(Object v) {
        return v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
                || v instanceof Long || v instanceof Double || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte || v instanceof Map<?, ?>
                || v instanceof Collection<?> || v.getClass().isArray();
    }

    /** Converts a value that is not {@link #isNative native} into one that is (one level deep). */
    public static Object toPlain(Object v) {
        if (isNative(v)) {
            return v;
        }
        if (v instanceof Float f) {
            return Double.parseDouble(Float.toString(f)); // 0.1f stays 0.1, not 0.10000000149011612
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString(); // Python's Decimal goes as a str too
        }
        if (v instanceof Number n) {
            return n instanceof java.util.concurrent.atomic.AtomicInteger || n instanceof java.util.concurrent.atomic.AtomicLong
                    ? n.longValue() : n.doubleValue();
        }
        if (v instanceof Character c) {
            return String.valueOf(c);
        }
        if (v instanceof PyroUri u) {
            return u.toDict();
        }
        if (v instanceof Throwable t) {
            return ExceptionMapper.toDict(t, false);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Optional<?> o) {
            return o.orElse(null);
        }
        if (v instanceof Duration d) {
            return d.toNanos() / 1e9;
        }
        if (v instanceof TemporalAccessor || v instanceof UUID || v instanceof Path
                || v instanceof java.net.URI || v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof Date d) {
            return d.toInstant().toString();
        }
        if (v instanceof Iterable<?> it) {
            List<Object> list = new ArrayList<>();
            it.forEach(list::add);
            return list;
        }
        if (v instanceof Record r) {
            return recordToMap(r);
        }
        return beanToMap(v);
    }

    /** byte[] as Python's serializers send bytes: {@code {'data': base64, 'encoding': 'base64'}}. */
    public static Map<String, Object> bytesToDict(byte[] data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", Base64.getEncoder().encodeToString(data));
        m.put("encoding", "base64");
        return m;
    }

    /** The bytes of a {@code {'data','encoding':'base64'}} dict, or null if it is not one. */
    public static byte[] dictToBytes(Map<?, ?> m) {
        if (m.size() == 2 && "base64".equals(m.get("encoding")) && m.get("data") instanceof String s) {
            return Base64.getDecoder().decode(s);
        }
        return null;
    }

    /**
     * Turns the special dicts a client sends back into Java values: the URI dict into
     * {@link PyroUri}, serpent's NaN dict into {@link Double#NaN}, a complex dict into {@link Complex}.
     * Other dicts stay dicts.
     */
    public static Object fromDict(Map<?, ?> m) {
        Object cls = m.get("__class__");
        if (PyroUri.CLASS_NAME.equals(cls) && m.containsKey("state")) {
            return PyroUri.fromState(m.get("state"));
        }
        if ("float".equals(cls) && "nan".equals(m.get("value"))) {
            return Double.NaN;
        }
        if ("complex".equals(cls) && m.get("real") instanceof Number re && m.get("imag") instanceof Number im) {
            return new Complex(re.doubleValue(), im.doubleValue());
        }
        return m;
    }

    private static Map<String, Object> recordToMap(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Method acc = c.getAccessor();
                acc.setAccessible(true);
                m.put(c.getName(), acc.invoke(r));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read record component " + c.getName(), e);
            }
        }
        return m;
    }

    /** Public instance fields (DTO style) and public getters (bean style). */
    private static Map<String, Object> beanToMap(Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            for (Field f : v.getClass().getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    m.put(f.getName(), f.get(v));
                }
            }
            for (Method g : v.getClass().getMethods()) {
                String prop = propertyName(g);
                if (prop != null && !m.containsKey(prop)) {
                    m.put(prop, g.invoke(v));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot serialize object of " + v.getClass().getName(), e);
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("cannot serialize object of " + v.getClass().getName() + ": no public fields or getters");
        }
        return m;
    }

    private static String propertyName(Method g) {
        if (Modifier.isStatic(g.getModifiers()) || g.getParameterCount() != 0
                || g.getDeclaringClass() == Object.class || g.getReturnType() == void.class) {
            return null;
        }
        String n = g.getName();
        int skip = n.startsWith("get") && n.length() > 3 ? 3
                : n.startsWith("is") && n.length() > 2 && g.getReturnType() == boolean.class ? 2 : 0;
        if (skip == 0) {
            return null;
        }
        return Character.toLowerCase(n.charAt(skip)) + n.substring(skip + 1);
    }
}
