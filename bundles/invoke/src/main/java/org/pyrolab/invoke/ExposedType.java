package org.pyrolab.invoke;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.pyrolab.api.Caller;
import org.pyrolab.api.Expose;

/**
 * What a class exposes, read once by reflection: public methods marked {@link Expose} (also when
 * the mark is on an interface or superclass method they override), {@code ping} always, and
 * marked getters and setters as attributes. Overloads are kept fewest parameters first, the
 * order {@link Invocation} tries them in.
 */
public final class ExposedType {

    private static final ClassValue<ExposedType> CACHE = new ClassValue<>() {
        @Override
        protected ExposedType computeValue(Class<?> type) {
            return new ExposedType(type);
        }
    };

    private final Map<String, List<Method>> methods = new LinkedHashMap<>();
    private final Set<String> oneway = new TreeSet<>();
    private final Map<String, Method> getters = new LinkedHashMap<>();
    private final Map<String, List<Method>> setters = new LinkedHashMap<>();
    /** Every exposed method by its Java name, accessors too: what {@code pyrolab call} may name. */
    private final Map<String, List<Method>> byJavaName = new LinkedHashMap<>();

    public static ExposedType of(Class<?> type) {
        return CACHE.get(type);
    }

    private ExposedType(Class<?> type) {
        Method[] all = type.getMethods();
        // a stable order, fewest parameters first, so overload choice is predictable
        Arrays.sort(all, Comparator.comparing(Method::getName).thenComparingInt(Method::getParameterCount)
                .thenComparing(Method::toGenericString));
        for (Method m : all) {
            if (Modifier.isStatic(m.getModifiers()) || (m.isBridge() || m.isSynthetic()) && !visibilityBridge(m, all)) {
                continue;
            }
            Expose ex = findExpose(m);
            boolean ping = m.getName().equals("ping") && argCount(m) == 0;
            if (ex == null && !ping) {
                continue;
            }
            m.setAccessible(true); // public methods of non-public classes
            byJavaName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            String attr = attributeName(m);
            if (attr != null && ex != null) {
                if (m.getName().startsWith("set")) {
                    setters.computeIfAbsent(attr, k -> new ArrayList<>()).add(m);
                } else {
                    getters.putIfAbsent(attr, m);
                }
                continue;
            }
            methods.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            if (ex != null && ex.oneway()) {
                oneway.add(m.getName());
            }
        }
    }

    /** The overloads of a remote method name. */
    public List<Method> methods(String name) {
        return methods.getOrDefault(name, List.of());
    }

    public Set<String> methodNames() {
        return new TreeSet<>(methods.keySet());
    }

    public boolean isOneway(String name) {
        return oneway.contains(name);
    }

    public Set<String> onewayNames() {
        return oneway;
    }

    public Set<String> attributeNames() {
        Set<String> s = new TreeSet<>(getters.keySet());
        s.addAll(setters.keySet());
        return s;
    }

    public Method getter(String attr) {
        return getters.get(attr);
    }

    public List<Method> setters(String attr) {
        return setters.getOrDefault(attr, List.of());
    }

    /** The overloads of a Java method name, getters and setters included ({@code pyrolab call getWavelength}). */
    public List<Method> byJavaName(String name) {
        return byJavaName.getOrDefault(name, List.of());
    }

    /** Every Java method name exposed, sorted. */
    public Set<String> javaNames() {
        return new TreeSet<>(byJavaName.keySet());
    }

    /** Parameters a client sends: all but {@link Caller}. */
    public static int argCount(Method m) {
        int n = 0;
        for (Class<?> p : m.getParameterTypes()) {
            if (p != Caller.class) {
                n++;
            }
        }
        return n;
    }

    private static String attributeName(Method m) {
        String n = m.getName();
        int args = argCount(m);
        if (args == 0 && m.getReturnType() != void.class) {
            if (isAccessor(n, "get")) {
                return decap(n.substring(3));
            }
            if (isAccessor(n, "is") && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                return decap(n.substring(2));
            }
        }
        if (args == 1 && isAccessor(n, "set")) {
            return decap(n.substring(3));
        }
        return null;
    }

    /** {@code getX}/{@code isX}/{@code setX} in bean style; {@code is_moving()} stays a method. */
    private static boolean isAccessor(String name, String prefix) {
        return name.length() > prefix.length() && name.startsWith(prefix) && Character.isUpperCase(name.charAt(prefix.length()));
    }

    private static String decap(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * A public class inherits the public methods of a package-private superclass through bridges
     * javac makes for them; such a bridge is the only way the method is seen, so it counts. A
     * bridge beside a real method of the same signature (generics, covariant returns) does not.
     */
    private static boolean visibilityBridge(Method bridge, Method[] all) {
        for (Method m : all) {
            if (m != bridge && !m.isBridge() && m.getName().equals(bridge.getName())
                    && Arrays.equals(m.getParameterTypes(), bridge.getParameterTypes())) {
                return false;
            }
        }
        return bridge.isBridge();
    }

    /** The {@link Expose} on this method or on a method it overrides. */
    private static Expose findExpose(Method m) {
        Expose e = m.getAnnotation(Expose.class);
        if (e != null) {
            return e;
        }
        List<Class<?>> todo = new ArrayList<>();
        todo.add(m.getDeclaringClass());
        for (int i = 0; i < todo.size(); i++) {
            Class<?> c = todo.get(i);
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(Arrays.asList(c.getInterfaces()));
            try {
                Expose found = c.getDeclaredMethod(m.getName(), m.getParameterTypes()).getAnnotation(Expose.class);
                if (found != null) {
                    return found;
                }
            } catch (NoSuchMethodException ignored) {
                // not declared at this level
            }
        }
        return null;
    }
}
