package org.pyrolab.client.internal;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/** Number conversions for {@link Values}: integers range-checked, any number to a float type. */
final class Numbers {

    private Numbers() {
    }

    static Object to(Object v, Class<?> raw, Type type) {
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            double d = real(v, type);
            return raw == float.class || raw == Float.class ? (Object) (float) d : (Object) d;
        }
        if (raw == BigDecimal.class) {
            return v instanceof String s ? new BigDecimal(s) : new BigDecimal(String.valueOf(real(v, type)));
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short || v instanceof Byte)) {
            if (raw.isInstance(v)) {
                return v;
            }
            throw Values.mismatch(v, type);
        }
        BigInteger big = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
        try {
            if (raw == BigInteger.class || raw == Number.class) {
                return raw == Number.class ? v : big;
            }
            if (raw == long.class || raw == Long.class) {
                return big.longValueExact();
            }
            if (raw == int.class || raw == Integer.class) {
                return big.intValueExact();
            }
            if (raw == short.class || raw == Short.class) {
                return big.shortValueExact();
            }
            if (raw == byte.class || raw == Byte.class) {
                return big.byteValueExact();
            }
        } catch (ArithmeticException e) {
            throw (ClassCastException) Values.mismatch(v, type).initCause(e);
        }
        throw Values.mismatch(v, type);
    }

    /** serpent writes NaN as {@code {'__class__': 'float', 'value': 'nan'}}. */
    private static double real(Object v, Type type) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m && "float".equals(m.get("__class__")) && m.get("value") instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "inf", "infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw Values.mismatch(v, type);
            };
        }
        throw Values.mismatch(v, type);
    }
}
