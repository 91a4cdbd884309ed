package org.pyrolab.client.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.pyrolab.client.PyroUri;

import net.razorvine.pyro.PyroURI;

/**
 * Decoded serpent values (Integer/Long/BigInteger, Double, String, Boolean, ArrayList, Object[]
 * for tuples, HashSet, HashMap, null) to the type a proxy method declares.
 *
 * @throws ClassCastException (from {@link #convert}) naming the value and the wanted type
 */
final class Values {

    private Values() {
    }

    static Object convert(Object v, Type type) {
        Class<?> raw = raw(type);
        if (raw == void.class || raw == Void.class) {
            return null;
        }
        if (raw == Optional.class) {
            return v == null ? Optional.empty() : Optional.of(convert(v, arg(type, 0)));
        }
        if (v == null) {
            if (raw.isPrimitive()) {
                throw mismatch(null, type);
            }
            return null;
        }
        if (raw == Object.class) {
            return v;
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            return raw == boolean.class ? bool(v, type) : raw == char.class ? character(v, type) : Numbers.to(v, raw, type);
        }
        if (raw == Boolean.class) {
            return bool(v, type);
        }
        if (raw == Character.class) {
            return character(v, type);
        }
        if (raw == String.class || raw == CharSequence.class) {
            if (v instanceof String) {
                return v;
            }
            throw mismatch(v, type);
        }
        if (raw == byte[].class) {
            return bytes(v, type);
        }
        if (raw.isEnum()) {
            return enumConstant(v, raw, type);
        }
        if (raw.isArray()) {
            return array(v, raw.getComponentType(), componentType(type));
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            return collection(v, raw, arg(type, 0), type);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(v, arg(type, 0), arg(type, 1), type);
        }
        if (raw.isRecord()) {
            return record(v, raw, type);
        }
        if (raw == PyroUri.class) {
            return v instanceof PyroURI u ? new PyroUri(u.objectid, u.host, u.port) : PyroUri.parse(String.valueOf(v));
        }
        if (raw == Duration.class && v instanceof Number n) {
            return Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
        }
        if (raw.isInstance(v)) {
            return v;
        }
        if (v instanceof String s) {
            return parse(s, raw, type);
        }
        throw mismatch(v, type);
    }

    static ClassCastException mismatch(Object v, Type type) {
        String what = v == null ? "None" : v.getClass().getSimpleName() + " " + shorten(v);
        return new ClassCastException("cannot convert " + what + " to " + type.getTypeName());
    }

    private static String shorten(Object v) {
        String s = v instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static Boolean bool(Object v, Type type) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw mismatch(v, type);
    }

    private static Character character(Object v, Type type) {
        if (v instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        throw mismatch(v, type);
    }

    /** Python bytes arrive as {@code {'data': base64, 'encoding': 'base64'}}. */
    private static byte[] bytes(Object v, Type type) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Map<?, ?> m && "base64".equals(m.get("encoding")) && m.get("data") instanceof String data) {
            return Base64.getDecoder().decode(data);
        }
        throw mismatch(v, type);
    }

    private static Object enumConstant(Object v, Class<?> raw, Type type) {
        if (v instanceof String s) {
            for (Object c : raw.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
        }
        throw mismatch(v, type);
    }

    /** Lists, tuples (Object[]) and sets are all sequences here. */
    private static Collection<?> sequence(Object v, Type type) {
        if (v instanceof Collection<?> c) {
            return c;
        }
        if (v instanceof Object[] a) {
            return Arrays.asList(a);
        }
        throw mismatch(v, type);
    }

    private static Object array(Object v, Class<?> component, Type componentType) {
        Collection<?> items = sequence(v, componentType);
        Object out = Array.newInstance(component, items.size());
        int i = 0;
        for (Object item : items) {
            Array.set(out, i++, convert(item, componentType));
        }
        return out;
    }

    private static Object collection(Object v, Class<?> raw, Type element, Type type) {
        Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
        if (!raw.isInstance(out)) {
            throw new ClassCastException("unsupported collection type " + type.getTypeName() + "; use List, Set or Collection");
        }
        for (Object item : sequence(v, type)) {
            out.add(convert(item, element));
        }
        return out;
    }

    private static Object map(Object v, Type key, Type value, Type type) {
        if (!(v instanceof Map<?, ?> m)) {
            throw mismatch(v, type);
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(convert(k, key), convert(val, value)));
        return out;
    }

    /** A dict to a record, by component name (how PyroLab sends records and DTOs). */
    private static Object record(Object v, Class<?> raw, Type type) {
        if (!(v instanceof Map<?, ?> m)) {
            throw mismatch(v, type);
        }
        RecordComponent[] components = raw.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = convert(m.get(components[i].getName()), components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = raw.getDeclaredConstructor(types);
            canonical.trySetAccessible();
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw (ClassCastException) new ClassCastException("cannot create " + raw.getName() + ": " + e).initCause(e);
        }
    }

    /** Strings to types with {@code parse(CharSequence)} or {@code valueOf(String)} (java.time, UUID...). */
    private static Object parse(String s, Class<?> raw, Type type) {
        for (String[] factory : new String[][] {{"parse", "java.lang.CharSequence"}, {"valueOf", "java.lang.String"},
                {"fromString", "java.lang.String"}}) {
            try {
                Method m = raw.getMethod(factory[0], factory[1].equals("java.lang.String") ? String.class : CharSequence.class);
                if (Modifier.isStatic(m.getModifiers()) && raw.isAssignableFrom(m.getReturnType())) {
                    return m.invoke(null, s);
                }
            } catch (NoSuchMethodException e) {
                // try the next factory
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw (ClassCastException) mismatch(s, type).initCause(e);
            }
        }
        throw mismatch(s, type);
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class; // a type variable
    }

    private static Type arg(Type type, int i) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            Type a = p.getActualTypeArguments()[i];
            return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
        }
        return Object.class;
    }

    private static Type componentType(Type type) {
        return type instanceof GenericArrayType g ? g.getGenericComponentType() : raw(type).getComponentType();
    }
}
