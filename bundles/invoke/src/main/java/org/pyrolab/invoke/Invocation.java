package org.pyrolab.invoke;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.pyrolab.api.Caller;

/**
 * Calls an exposed Java method with Python-style arguments: positional ones first, then keyword
 * arguments by parameter name (the project compiles with {@code -parameters}). Parameters the
 * caller leaves out are null ({@code Optional.empty()}, false/0 for primitives); a {@link Caller}
 * parameter gets the caller and is never sent. Overloads are tried in {@link ExposedType}'s order
 * (fewest parameters first); the first whose arguments all convert ({@link Conversion}) runs.
 */
public final class Invocation {

    private Invocation() {
    }

    /**
     * {@code pyrolab call}'s way in: {@code method} by its Java name (accessors too), positional
     * arguments only, admitted by {@code guard}.
     */
    public static Object callByJavaName(Object target, String targetName, String method, List<Object> args,
                                        Caller caller, CallGuard guard) throws Exception {
        ExposedType exposed = ExposedType.of(target.getClass());
        List<Method> candidates = exposed.byJavaName(method);
        if (candidates.isEmpty()) {
            throw new NoSuchMemberException("no exposed method `" + method + "`; there are: " + String.join(", ", exposed.javaNames()));
        }
        try (CallGuard.Pass pass = guard.enter(targetName, method, caller)) {
            return invoke(target, candidates, method, args, Map.of(), caller);
        }
    }

    /**
     * Runs the first of {@code candidates} the arguments fit.
     *
     * @throws NoSuchMemberException when there are no candidates
     * @throws ArgumentMismatchException when the arguments fit none, naming the last reason
     * @throws Exception what the method threw, unwrapped
     */
    public static Object invoke(Object target, List<Method> candidates, String name, List<Object> args,
                                Map<String, Object> kwargs, Caller caller) throws Exception {
        if (candidates.isEmpty()) {
            throw new NoSuchMemberException("remote object '" + target.getClass().getSimpleName() + "' has no exposed attribute or method '" + name + "'");
        }
        ArgumentMismatchException lastMismatch = null;
        for (Method m : candidates) {
            Object[] bound;
            try {
                bound = bind(m, args, kwargs, caller);
            } catch (ArgumentMismatchException e) {
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
        throw new ArgumentMismatchException(name + "() " + lastMismatch.getMessage(), lastMismatch);
    }

    /** The arguments for {@code m}, converted; throws {@link ArgumentMismatchException} when they do not fit. */
    public static Object[] bind(Method m, List<Object> args, Map<String, Object> kwargs, Caller caller) {
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
            throw new ArgumentMismatchException("takes " + ExposedType.argCount(m) + " positional arguments but " + args.size() + " were given");
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < params.length; i++) {
            String pname = params[i].getName();
            if (params[i].getType() == Caller.class || !kwargs.containsKey(pname)) {
                continue;
            }
            if (set[i]) {
                throw new ArgumentMismatchException("got multiple values for argument '" + pname + "'");
            }
            out[i] = convert(kwargs.get(pname), params[i]);
            set[i] = true;
            used.add(pname);
        }
        for (String k : kwargs.keySet()) {
            if (!used.contains(k)) {
                throw new ArgumentMismatchException("got an unexpected keyword argument '" + k + "'");
            }
        }
        for (int i = 0; i < params.length; i++) {
            if (!set[i]) {
                out[i] = leftOut(params[i].getType());
            }
        }
        return out;
    }

    private static Object convert(Object v, Parameter p) {
        try {
            return Conversion.toJava(v, p.getParameterizedType());
        } catch (ArgumentMismatchException e) {
            throw new ArgumentMismatchException("argument '" + p.getName() + "': " + e.getMessage(), e);
        }
    }

    /** A parameter the caller left out: null, an empty Optional, or the primitive's zero. */
    private static Object leftOut(Class<?> t) {
        if (!t.isPrimitive()) {
            return t == Optional.class ? Optional.empty() : null;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == char.class) {
            return '\0';
        }
        return Conversion.toJava(0, t);
    }
}
