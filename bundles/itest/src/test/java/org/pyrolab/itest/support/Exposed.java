package org.pyrolab.itest.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.pyrolab.api.Expose;

/** Calls a driver's {@link Expose}d methods by name, as the daemon's remote endpoints do. */
public final class Exposed {
    private Exposed() {
    }

    /** Names of the methods {@code driver} marks with {@link Expose}. */
    public static Set<String> names(Object driver) {
        Set<String> names = new TreeSet<>();
        for (Method m : driver.getClass().getMethods()) {
            if (m.isAnnotationPresent(Expose.class)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /** Calls the exposed method {@code name} taking {@code args.length} arguments; rethrows what it throws. */
    public static Object call(Object driver, String name, Object... args) throws Exception {
        Method method = Arrays.stream(driver.getClass().getMethods())
                .filter(m -> m.isAnnotationPresent(Expose.class) && m.getName().equals(name) && m.getParameterCount() == args.length)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no exposed method " + name + " with " + args.length + " arguments on " + driver));
        try {
            return method.invoke(driver, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
