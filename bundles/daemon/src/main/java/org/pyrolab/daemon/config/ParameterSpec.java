package org.pyrolab.daemon.config;

/**
 * One parameter a driver declares: an element of its parameters annotation.
 *
 * @param type String, Integer, Long, Double, Boolean, String[] or an enum class
 * @param defaultValue null when the parameter is required
 */
public record ParameterSpec(String name, Class<?> type, Object defaultValue) {

    public boolean required() {
        return defaultValue == null;
    }

    public String typeName() {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == Double.class || type == Float.class) {
            return "number";
        }
        if (type == Boolean.class) {
            return "true/false";
        }
        if (type == String[].class) {
            return "list of text";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        return type.getSimpleName();
    }
}
