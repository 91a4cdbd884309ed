package org.pyrolab.invoke;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Decoded values (what serpent, json or the command line gave: Integer/Long/BigInteger, Double,
 * String, Boolean, null, List, Object[] for a tuple, Set, Map, byte[]) to the Java type a driver
 * parameter or a proxy's return type declares. Structure (arrays, collections, maps, records,
 * DTOs, generics) is Jackson's {@link ObjectMapper#convertValue}; the scalar rules are ours
 * ({@link ValueModule}) so that every caller gets the same answer:
 * <ul>
 * <li>integers: any integer type, range-checked; a float only when it has no fraction ({@code 2.0});</li>
 * <li>{@code double}/{@code float}: any number, also serpent's NaN/infinity dicts; never a bool or str;</li>
 * <li>{@code String}, {@code char} (one letter), enums (by name, any case): from str only;</li>
 * <li>{@code byte[]}: the bytes dict {@code {'data': base64, 'encoding': 'base64'}} or a list of ints;</li>
 * <li>records and DTOs from a dict by name, unknown keys ignored; {@code Duration} from float seconds;
 * types with a static {@code parse} ({@code java.time}, {@code PyroUri}) from their string form;</li>
 * <li>None: null, {@code Optional.empty()}; for a primitive it is a mismatch;</li>
 * <li>{@code Object}: the decoded value as it is (nested inside a typed container, tuples and sets
 * become lists).</li>
 * </ul>
 */
public final class Conversion {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new ValueModule())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "3" is no int, 1 is no bool
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer server may send more fields
            .build();

    private Conversion() {
    }

    /**
     * {@code value} as {@code type}.
     *
     * @throws ArgumentMismatchException saying what was wanted and what came
     */
    public static Object toJava(Object value, Type type) {
        Class<?> raw = rawClass(type);
        if (raw == void.class || raw == Void.class) {
            return null;
        }
        if (raw == Object.class) {
            return value;
        }
        if (raw == Optional.class) {
            return value == null ? Optional.empty() : Optional.ofNullable(toJava(value, typeArgument(type, 0)));
        }
        if (value == null) {
            if (raw.isPrimitive()) {
                throw new ArgumentMismatchException("expected " + raw.getName() + ", got None");
            }
            return null;
        }
        if (!(type instanceof ParameterizedType) && raw.isInstance(value)) {
            return value; // nothing to convert, and no copy of a large array
        }
        try {
            return MAPPER.convertValue(value, javaType(type, raw));
        } catch (IllegalArgumentException e) {
            throw mismatch(value, type, e);
        }
    }

    /** Python's name for the kind of a decoded value, for messages. */
    public static String pythonType(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Double || v instanceof Float) {
            return "float";
        }
        if (v instanceof Number) {
            return "int";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof Object[]) {
            return "tuple";
        }
        if (v instanceof java.util.Set<?>) {
            return "set";
        }
        if (v instanceof java.util.Collection<?>) {
            return "list";
        }
        if (v instanceof java.util.Map<?, ?>) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }

    /** The class behind a generic type; {@code Object} for a type variable. */
    public static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (t instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        }
        if (t instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static JavaType javaType(Type type, Class<?> raw) {
        if (raw == Iterable.class) { // Jackson has no Iterable; a list is one
            return MAPPER.getTypeFactory().constructCollectionType(List.class, MAPPER.constructType(typeArgument(type, 0)));
        }
        return MAPPER.constructType(type);
    }

    private static Type typeArgument(Type t, int i) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            Type a = p.getActualTypeArguments()[i];
            return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
        }
        return Object.class;
    }

    /** Jackson's failure as one sentence: our own reason when a rule of ours said no, with where in the value. */
    private static ArgumentMismatchException mismatch(Object value, Type type, IllegalArgumentException e) {
        String reason = e.getMessage();
        String where = "";
        if (e.getCause() instanceof JsonMappingException j) {
            reason = j.getOriginalMessage();
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : j.getPath()) {
                path.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            where = path.length() == 0 ? "" : " (at " + path.substring(path.charAt(0) == '.' ? 1 : 0) + ")";
        }
        String firstLine = reason == null ? "" : reason.lines().findFirst().orElse("");
        String what = firstLine.startsWith("expected ") ? firstLine
                : "expected " + type.getTypeName() + ", got " + pythonType(value) + ": " + firstLine;
        return new ArgumentMismatchException(what + where, e);
    }
}
