package org.pyrolab.remote.expose;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pyrolab.api.Caller;
import org.pyrolab.pyro5.serial.RemoteError;

/**
 * Calls an exposed Java method with Python-style arguments: positional params first, then kwargs
 * by parameter name (the project compiles with {@code -parameters}). Parameters the client leaves
 * out are null (false/0 for primitives). A {@link Caller} parameter gets the calling session.
 * Overloads are tried fewest parameters first; the first whose arguments convert wins.
 */
final class Invoker {

    private Invoker() {
    }

    static Object invoke(Object target, List<Method> candidates, String name, List<Object> args,
                         Map<String, Object> kwargs, Caller caller) throws Exception {
        if (candidates.isEmpty()) {
            throw RemoteError.attributeError("remote object '" + target.getClass().getSimpleName() + "' has no exposed attribute or method '" + name + "'");
        }
        IllegalArgumentException lastMismatch = null;
        for (Method m : candidates) {
            Object[] bound;
            try {
                bound = bind(m, args, kwargs, caller);
            } catch (IllegalArgumentException e) {
                lastMismatch = e;
                continue;
            }
            try {
                return m.invoke(target, bound);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        throw RemoteError.typeError(name + "() " + lastMismatch.getMessage());
    }

    static Object[] bind(Method m, List<Object> args, Map<String, Object> kwargs, Caller caller) {
        Parameter[] params = m.getParameters();
        Object[] out = new Object[params.length];
        boolean[] set = new boolean[params.length];
        int next = 0;
        for (int i = 0; i < params.length; i++) {
            if (params[i].getType() == Caller.class) {
                out[i] = caller;
                set[i] = true;
            } else if (next < args.size()) {
                out[i] = convert(args.get(next++), params[i]);
                set[i] = true;
            }
        }
        if (next < args.size()) {
            throw new IllegalArgumentException("takes " + ExposedType.argCount(m) + " positional arguments but " + args.size() + " were given");
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < params.length; i++) {
            String pname = params[i].getName();
            if (params[i].getType() == Caller.class || !kwargs.containsKey(pname)) {
                continue;
            }
            if (set[i]) {
                throw new IllegalArgumentException("got multiple values for argument '" + pname + "'");
            }
            out[i] = convert(kwargs.get(pname), params[i]);
            set[i] = true;
            used.add(pname);
        }
        for (String k : kwargs.keySet()) {
            if (!used.contains(k)) {
                throw new IllegalArgumentException("got an unexpected keyword argument '" + k + "'");
            }
        }
        for (int i = 0; i < params.length; i++) {
            if (!set[i]) {
                out[i] = defaultValue(params[i].getType());
            }
        }
        return out;
    }

    private static Object convert(Object v, Parameter p) {
        try {
            return ArgConverter.convert(v, p.getParameterizedType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument '" + p.getName() + "': " + e.getMessage(), e);
        }
    }

    private static Object defaultValue(Class<?> t) {
        if (!t.isPrimitive()) {
            return t == java.util.Optional.class ? java.util.Optional.empty() : null;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == char.class) {
            return '\0';
        }
        return ArgConverter.convert(0, t);
    }
}
