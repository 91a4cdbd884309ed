package org.pyrolab.daemon.registry;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.pyrolab.daemon.config.ParameterSpec;

/**
 * Reads a driver's parameters from its parameters annotation (loaded from the driver's bundle):
 * each element is a parameter, its return type the type, its default the default, no default
 * means required. Also maps a parameter name to the component property DS reads it from.
 */
final class DriverDeclaration {
    private DriverDeclaration() {
    }

    /** Where the annotation class comes from: the driver's bundle, or (with no daemon) a class loader over its jar. */
    interface Classes {
        Class<?> load(String name) throws ClassNotFoundException;
    }

    static List<ParameterSpec> parameters(Bundle bundle, String annotationClass) throws ClassNotFoundException {
        return parameters(bundle::loadClass, annotationClass);
    }

    static List<ParameterSpec> parameters(Classes classes, String annotationClass) throws ClassNotFoundException {
        List<ParameterSpec> specs = new ArrayList<>();
        if (annotationClass == null || annotationClass.equals("org.pyrolab.api.NoParameters")) {
            return specs;
        }
        Class<?> type = classes.load(annotationClass);
        Method[] elements = type.getDeclaredMethods();
        java.util.Arrays.sort(elements, Comparator.comparing(Method::getName));
        for (Method m : elements) {
            if (m.getParameterCount() == 0 && !m.isSynthetic()) {
                specs.add(new ParameterSpec(m.getName(), boxed(m.getReturnType()), m.getDefaultValue()));
            }
        }
        return specs;
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class || type == short.class || type == byte.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class || type == float.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }

    /**
     * The component property DS maps an annotation element to (DS 1.4, 112.8.2.2): {@code _} is a
     * dot, {@code __} an underscore, {@code $_$} a dash, {@code $$} a dollar, a lone {@code $} nothing.
     */
    static String propertyName(String element) {
        StringBuilder out = new StringBuilder(element.length());
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '_') {
                if (i + 1 < element.length() && element.charAt(i + 1) == '_') {
                    out.append('_');
                    i++;
                } else {
                    out.append('.');
                }
            } else if (c == '$') {
                if (element.startsWith("$_$", i)) {
                    out.append('-');
                    i += 2;
                } else if (element.startsWith("$$", i)) {
                    out.append('$');
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
