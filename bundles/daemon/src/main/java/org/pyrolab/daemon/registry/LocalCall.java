package org.pyrolab.daemon.registry;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.Caller;
import org.pyrolab.api.Driver;
import org.pyrolab.api.Expose;

/**
 * {@code pyrolab call NAME METHOD ARGS...}: calls an exposed method of a running driver from the
 * command line, as the local user. Arguments arrive as numbers, booleans or text and are
 * matched to the method's parameter types.
 */
final class LocalCall {
    private static final Caller LOCAL = new Caller() {
        @Override
        public String user() {
            return System.getProperty("user.name");
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public String connection() {
            return "cli";
        }
    };

    private LocalCall() {
    }

    static Object invoke(Driver driver, String name, List<Object> args) throws Exception {
        List<String> candidates = new ArrayList<>();
        for (Method m : driver.getClass().getMethods()) {
            boolean exposed = m.isAnnotationPresent(Expose.class) || m.getName().equals("ping");
            if (!exposed) {
                continue;
            }
            candidates.add(m.getName());
            if (!m.getName().equals(name)) {
                continue;
            }
            Object[] values = match(m, args);
            if (values != null) {
                try {
                    return m.invoke(driver, values);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                }
            }
        }
        if (candidates.contains(name)) {
            throw new IllegalArgumentException(name + " does not take " + args.size() + " argument(s) like " + args);
        }
        throw new IllegalArgumentException("no exposed method `" + name + "`; there are: " + String.join(", ", candidates.stream().sorted().distinct().toList()));
    }

    /** The arguments converted for {@code m}, with the caller filled in, or null if they do not fit. */
    private static Object[] match(Method m, List<Object> args) {
        Class<?>[] types = m.getParameterTypes();
        Object[] values = new Object[types.length];
        int next = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Caller.class) {
                values[i] = LOCAL;
                continue;
            }
            if (next >= args.size()) {
                return null;
            }
            Object value = fit(args.get(next++), types[i]);
            if (value == NO_FIT) {
                return null;
            }
            values[i] = value;
        }
        return next == args.size() ? values : null;
    }

    private static final Object NO_FIT = new Object();

    private static Object fit(Object value, Class<?> type) {
        if (type == Object.class || type.isInstance(value)) {
            return value;
        }
        if (value instanceof Number) {
            Number n = (Number) value;
            if (type == double.class || type == Double.class) {
                return n.doubleValue();
            }
            if ((type == int.class || type == Integer.class) && n.doubleValue() == n.intValue()) {
                return n.intValue();
            }
            if ((type == long.class || type == Long.class) && n.doubleValue() == n.longValue()) {
                return n.longValue();
            }
        }
        if (value instanceof Boolean && type == boolean.class) {
            return value;
        }
        if (type == String.class) {
            return String.valueOf(value);
        }
        return NO_FIT;
    }
}
