package org.pyrolab.daemon.config;

import java.util.List;

/** Turns configuration values into the types drivers declare, refusing lossy conversions. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /** The value as {@code type}, or null when it cannot be one without losing meaning. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object convert(Object value, Class<?> type) {
        if (value == null) {
            return null;
        }
        if (type == String.class) {
            return value instanceof String ? value : null;
        }
        if (type == Boolean.class) {
            return value instanceof Boolean ? value : null;
        }
        if (type == Double.class || type == Float.class) {
            return value instanceof Number ? ((Number) value).doubleValue() : null;
        }
        if (type == Integer.class || type == Long.class) {
            if (!(value instanceof Number)) {
                return null;
            }
            double d = ((Number) value).doubleValue();
            long l = ((Number) value).longValue();
            if (d != l) {
                return null; // 2.5 is no whole number
            }
            if (type == Integer.class) {
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : null;
            }
            return l;
        }
        if (type == String[].class) {
            List<?> list = value instanceof List ? (List<?>) value : List.of(value);
            // kept as a list so that two configurations compare equal; made an array for DS at start
            return list.stream().allMatch(String.class::isInstance) ? List.copyOf(list) : null;
        }
        if (type.isEnum() && value instanceof String) {
            try {
                return Enum.valueOf((Class<? extends Enum>) type, (String) value);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
