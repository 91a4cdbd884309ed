package org.pyrolab.remote.expose;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.serial.PyroValues;

/**
 * Converts decoded wire values into the Java parameter types of an exposed method. Throws
 * IllegalArgumentException saying what did not fit; the server reports that as a TypeError.
 */
final class ArgConverter {

    private ArgConverter() {
    }

    static Object convert(Object v, Type type) {
        Class<?> raw = rawClass(type);
        if (v == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("None given for a " + raw.getName() + " parameter");
            }
            return raw == Optional.class ? Optional.empty() : null;
        }
        if (raw == Object.class) {
            return v;
        }
        if (raw.isPrimitive()) {
            raw = boxed(raw);
        }
        if (raw == String.class) {
            if (v instanceof String || v instanceof PyroUri) {
                return v.toString();
            }
        } else if (raw == Boolean.class) {
            if (v instanceof Boolean) {
                return v;
            }
        } else if (Number.class.isAssignableFrom(raw) && v instanceof Number n) {
            return number(n, raw);
        } else if (raw == Character.class) {
            if (v instanceof String s && s.length() == 1) {
                return s.charAt(0);
            }
        } else if (raw.isEnum() && v instanceof String s) {
            for (Object c : raw.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not one of " + Arrays.toString(raw.getEnumConstants()));
        } else if (raw == byte[].class) {
            return bytes(v);
        } else if (raw == PyroUri.class && v instanceof String s) {
            return PyroUri.parse(s);
        } else if (raw == Duration.class && v instanceof Number n) {
            return Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
        } else if (raw == Optional.class) {
            return Optional.ofNullable(convert(v, typeArg(type, 0)));
        } else if (raw.isArray() && isSequence(v)) {
            List<?> items = sequence(v);
            Object arr = Array.newInstance(raw.getComponentType(), items.size());
            Type elem = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            for (int i = 0; i < items.size(); i++) {
                Array.set(arr, i, convert(items.get(i), elem));
            }
            return arr;
        } else if (Collection.class.isAssignableFrom(raw) && isSequence(v)) {
            Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
            for (Object item : sequence(v)) {
                out.add(convert(item, typeArg(type, 0)));
            }
            if (!raw.isInstance(out)) {
                throw new IllegalArgumentException("cannot make a " + raw.getSimpleName());
            }
            return out;
        } else if (Map.class.isAssignableFrom(raw) && v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(convert(k, typeArg(type, 0)), convert(val, typeArg(type, 1))));
            return out;
        } else if (raw.isRecord() && v instanceof Map<?, ?> m) {
            return record(raw, m);
        }
        if (raw.isInstance(v)) {
            return v;
        }
        if (v instanceof String s) {
            Object parsed = parse(raw, s);
            if (parsed != null) {
                return parsed;
            }
        }
        if (v instanceof Map<?, ?> m && !raw.isInterface()) {
            return dto(raw, m);
        }
        throw new IllegalArgumentException("expected " + raw.getSimpleName() + ", got " + pyType(v));
    }

    private static Object number(Number n, Class<?> target) {
        if (target == Double.class || target == Float.class) {
            double d = n.doubleValue();
            return target == Double.class ? (Object) d : (Object) (float) d;
        }
        if (target == BigDecimal.class) {
            return n instanceof BigInteger b ? new BigDecimal(b) : new BigDecimal(n.toString());
        }
        BigInteger big;
        if (n instanceof BigInteger b) {
            big = b;
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("expected an integer, got float " + d);
            }
            big = new BigDecimal(d).toBigInteger();
        } else {
            big = BigInteger.valueOf(n.longValue());
        }
        if (target == BigInteger.class) {
            return big;
        }
        int bits = target == Long.class ? 64 : target == Integer.class ? 32 : target == Short.class ? 16 : 8;
        if (big.bitLength() >= bits) {
            throw new IllegalArgumentException("integer " + big + " out of range for " + target.getSimpleName());
        }
        long l = big.longValue();
        return target == Long.class ? (Object) l : target == Integer.class ? (Object) (int) l
                : target == Short.class ? (Object) (short) l : (Object) (byte) l;
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Map<?, ?> m) {
            byte[] b = PyroValues.dictToBytes(m);
            if (b != null) {
                return b;
            }
        }
        if (isSequence(v)) {
            List<?> items = sequence(v);
            byte[] b = new byte[items.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ((Number) convert(items.get(i), Integer.class)).intValue();
            }
            return b;
        }
        throw new IllegalArgumentException("expected bytes, got " + pyType(v));
    }

    private static Object record(Class<?> raw, Map<?, ?> m) {
        RecordComponent[] comps = raw.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            args[i] = convert(m.get(comps[i].getName()), comps[i].getGenericType());
        }
        try {
            Constructor<?> c = raw.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + raw.getSimpleName() + ": " + e.getCause(), e);
        }
    }

    /** A DTO: public no-argument constructor and public fields. */
    private static Object dto(Class<?> raw, Map<?, ?> m) {
        try {
            Object o = raw.getConstructor().newInstance();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Field f = raw.getField(String.valueOf(e.getKey()));
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.set(o, convert(e.getValue(), f.getGenericType()));
                }
            }
            return o;
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(raw.getSimpleName() + " has no field " + e.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + raw.getSimpleName() + " from a dict", e);
        }
    }

    /** {@code parse(CharSequence)} or {@code valueOf(String)}, as java.time types and many others have. */
    private static Object parse(Class<?> raw, String s) {
        for (String name : List.of("parse", "valueOf")) {
            for (Class<?> arg : List.of(CharSequence.class, String.class)) {
                try {
                    Method m = raw.getMethod(name, arg);
                    if (Modifier.isStatic(m.getModifiers()) && raw.isAssignableFrom(m.getReturnType())) {
                        return m.invoke(null, s);
                    }
                } catch (NoSuchMethodException e) {
                    // try the next form
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot read '" + s + "' as " + raw.getSimpleName(), e);
                }
            }
        }
        return null;
    }

    static boolean isSequence(Object v) {
        return v instanceof Collection<?> || v instanceof Object[];
    }

    static List<?> sequence(Object v) {
        return v instanceof Object[] a ? Arrays.asList(a) : new ArrayList<>((Collection<?>) v);
    }

    static String pyType(Object v) {
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Number) {
            return "int";
        }
        if (v instanceof Object[]) {
            return "tuple";
        }
        if (v instanceof Set<?>) {
            return "set";
        }
        if (v instanceof Collection<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        }
        if (t instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        return Object.class; // type variables
    }

    private static Type typeArg(Type t, int i) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i
                ? p.getActualTypeArguments()[i] : Object.class;
    }

    private static Class<?> boxed(Class<?> p) {
        return p == int.class ? Integer.class : p == long.class ? Long.class : p == double.class ? Double.class
                : p == boolean.class ? Boolean.class : p == float.class ? Float.class : p == short.class ? Short.class
                : p == byte.class ? Byte.class : p == char.class ? Character.class : Void.class;
    }
}
