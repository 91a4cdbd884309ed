package org.pyrolab.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;


/**
 * How each method of an experimenter's interface reaches the service: a remote method of the same
 * name, or {@code getX()/isX()/setX(v)} for the attribute {@code x} (the server's own naming).
 */
final class Binding {

    enum Kind { CALL, ONEWAY, GET, SET }

    record Op(Kind kind, String remoteName) {
    }

    private final Map<Method, Op> ops;

    private Binding(Map<Method, Op> ops) {
        this.ops = ops;
    }

    Op op(Method m) {
        return ops.get(m);
    }

    /**
     * @throws IllegalArgumentException listing every method the service does not expose
     */
    static Binding of(Class<?> type, String service, Set<String> methods, Set<String> oneway, Set<String> attrs) {
        Map<Method, Op> ops = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || isInstrumentMethod(m)) {
                continue;
            }
            Op op = find(m, methods, oneway, attrs);
            if (op == null) {
                missing.add(m.getName() + "(" + m.getParameterCount() + " args)");
            } else if (op.kind() == Kind.ONEWAY && m.getReturnType() != void.class) {
                throw new IllegalArgumentException("@Oneway method " + m.getName() + " must return void");
            } else {
                ops.put(m, op);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(service + " does not expose " + String.join(", ", missing)
                    + " of " + type.getName() + " (methods: " + new TreeSet<>(methods) + ", attributes: "
                    + new TreeSet<>(attrs) + ")");
        }
        return new Binding(ops);
    }

    /** Methods with the signature of one of {@link Instrument}'s (or Object's) go there instead. */
    static boolean isInstrumentMethod(Method m) {
        for (Class<?> owner : new Class<?>[] {Instrument.class, Object.class}) {
            try {
                owner.getMethod(m.getName(), m.getParameterTypes());
                return true;
            } catch (NoSuchMethodException e) {
                // not one of its methods
            }
        }
        return false;
    }

    private static Op find(Method m, Set<String> methods, Set<String> oneway, Set<String> attrs) {
        String n = m.getName();
        if (methods.contains(n)) {
            // a void method the service lists as oneway is called oneway, as a Python proxy does
            boolean isOneway = m.isAnnotationPresent(Oneway.class) || oneway.contains(n) && m.getReturnType() == void.class;
            return new Op(isOneway ? Kind.ONEWAY : Kind.CALL, n);
        }
        int params = m.getParameterCount();
        String attr = params == 0 && m.getReturnType() != void.class ? property(n, "get", "is")
                : params == 1 ? property(n, "set") : null;
        if (attr != null && attrs.contains(attr)) {
            return new Op(params == 0 ? Kind.GET : Kind.SET, attr);
        }
        return null;
    }

    private static String property(String name, String... prefixes) {
        for (String p : prefixes) {
            if (name.length() > p.length() && name.startsWith(p) && Character.isUpperCase(name.charAt(p.length()))) {
                return Character.toLowerCase(name.charAt(p.length())) + name.substring(p.length() + 1);
            }
        }
        return null;
    }
}
