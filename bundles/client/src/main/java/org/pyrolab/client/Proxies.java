package org.pyrolab.client;

import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;


/** Makes the typed proxies {@link org.pyrolab.client.Lab} hands out. */
final class Proxies {

    private Proxies() {
    }

    /**
     * Connects to {@code uri} and checks that the service exposes every method of {@code type}.
     */
    public static <T> T create(String name, PyroUri uri, Class<T> type, ConnectionOptions options) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        Connection connection = Connection.open(name, uri, options);
        try {
            Binding binding = Binding.of(type, name, connection.methods(), connection.oneway(), connection.attributes());
            Set<Class<?>> interfaces = new LinkedHashSet<>();
            interfaces.add(type);
            interfaces.add(Instrument.class);
            Object proxy = Proxy.newProxyInstance(loader(type), interfaces.toArray(new Class<?>[0]),
                    new TypedHandler(connection, binding));
            return type.cast(proxy);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The proxy class must see both {@code type} and {@link Instrument}; in OSGi the caller's
     * bundle may not import this package, so join the two class loaders when needed.
     */
    private static ClassLoader loader(Class<?> type) {
        ClassLoader own = Instrument.class.getClassLoader();
        ClassLoader theirs = type.getClassLoader();
        if (theirs == null || sees(theirs, Instrument.class)) {
            return theirs == null ? own : theirs;
        }
        return new ClassLoader(theirs) {
            @Override
            protected Class<?> findClass(String className) throws ClassNotFoundException {
                return own.loadClass(className);
            }
        };
    }

    private static boolean sees(ClassLoader loader, Class<?> c) {
        try {
            return Class.forName(c.getName(), false, loader) == c;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
