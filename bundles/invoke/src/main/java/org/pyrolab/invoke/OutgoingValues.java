package org.pyrolab.invoke;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Java values to what a Pyro5 peer expects, the inverse of {@link Conversion}: records become
 * dicts (so do DTOs: their public fields), enums their names, chars one-letter strings (serpent would write them bare), durations
 * float seconds, an Optional its value or None, {@code java.time} values, UUIDs and URIs their
 * string form, arrays tuples. Everything else passes through to the serializer unchanged.
 */
public final class OutgoingValues {

    /** Whether a class has a static {@code parse}, read once per class. */
    private static final ClassValue<Boolean> PARSED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return hasParse(type);
        }
    };

    private static final ClassValue<Boolean> DTO = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isDto(type);
        }
    };

    private OutgoingValues() {
    }

    public static Object write(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Optional<?> o) {
            return write(o.orElse(null));
        }
        if (v instanceof Duration d) {
            return d.toNanos() / 1e9;
        }
        if (v instanceof Character || v instanceof Enum<?> || v instanceof UUID || v instanceof TemporalAccessor
                || PARSED.get(v.getClass())) { // whatever Conversion reads with parse(...) goes as its string form
            return v instanceof Enum<?> e ? e.name() : v.toString();
        }
        if (v instanceof Record r) {
            return record(r);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(write(k), write(val)));
            return out;
        }
        if (v instanceof Set<?> s) {
            Set<Object> out = new LinkedHashSet<>();
            s.forEach(x -> out.add(write(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            Collection<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(write(x)));
            return out;
        }
        if (v.getClass().isArray()) {
            Object[] out = new Object[Array.getLength(v)];
            for (int i = 0; i < out.length; i++) {
                out[i] = write(Array.get(v, i));
            }
            return out;
        }
        if (DTO.get(v.getClass())) {
            return dto(v);
        }
        return v;
    }

    /** A DTO's public fields as a dict, as the server sends DTOs and reads them back. */
    private static Map<String, Object> dto(Object v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : v.getClass().getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                try {
                    out.put(f.getName(), write(f.get(v)));
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException("cannot read " + v.getClass().getName() + "." + f.getName(), e);
                }
            }
        }
        return out;
    }

    /** Public instance fields and a public no-argument constructor: what {@link Conversion} makes from a dict. */
    private static boolean isDto(Class<?> c) {
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            return false;
        }
        return Modifier.isPublic(c.getModifiers()) && Arrays.stream(c.getFields()).anyMatch(f -> !Modifier.isStatic(f.getModifiers()));
    }

    private static Map<String, Object> record(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                c.getAccessor().trySetAccessible();
                out.put(c.getName(), write(c.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + r.getClass().getName() + "." + c.getName(), e);
            }
        }
        return out;
    }

    /** A value type with a static {@code parse} and its own toString (PyroUri, ...): its string form reads back. */
    private static boolean hasParse(Class<?> c) {
        for (Class<?> arg : new Class<?>[] {CharSequence.class, String.class}) {
            try {
                java.lang.reflect.Method m = c.getMethod("parse", arg);
                if (Modifier.isStatic(m.getModifiers()) && c.isAssignableFrom(m.getReturnType())) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                // try the other form
            }
        }
        return false;
    }
}
