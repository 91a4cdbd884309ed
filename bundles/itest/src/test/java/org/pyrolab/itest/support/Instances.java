package org.pyrolab.itest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.pyrolab.api.Driver;

/**
 * Counts the driver instances the registry makes, from outside the driver: SCR registers each
 * component-factory instance as a {@link Driver} service carrying {@value Driver#SERVICE_NAME}.
 * Works for instances that failed too, which {@code Services.call} cannot reach.
 */
public final class Instances implements AutoCloseable {
    private static final String FILTER = "(&(objectClass=" + Driver.class.getName() + ")(" + Driver.SERVICE_NAME + "=*))";

    /** One instance made: its registration and the bundle that made it. */
    public record Made(ServiceReference<?> reference, long bundleId) {
    }

    private final BundleContext context;
    private final Map<String, List<Made>> made = new ConcurrentHashMap<>();
    private final ServiceListener listener = this::event;

    public Instances(BundleContext context) {
        this.context = context;
        try {
            context.addServiceListener(listener, FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void event(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            ServiceReference<?> ref = event.getServiceReference();
            String name = (String) ref.getProperty(Driver.SERVICE_NAME);
            made.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(new Made(ref, ref.getBundle().getBundleId()));
        }
    }

    /** Instances made for {@code serviceName} since this was opened. */
    public List<Made> of(String serviceName) {
        return new ArrayList<>(made.getOrDefault(serviceName, List.of()));
    }

    public int count(String serviceName) {
        return of(serviceName).size();
    }

    /** Waits until {@code count} instances were made for {@code serviceName}; returns the last. */
    public Made await(String serviceName, int count) {
        return Await.until(count + " instances of " + serviceName + " (made " + count(serviceName) + ")", () -> {
            List<Made> list = of(serviceName);
            return list.size() >= count ? Optional.of(list.get(list.size() - 1)) : Optional.empty();
        });
    }

    /** The class of a still registered instance: which code it runs. */
    public Class<?> implementation(Made instance) {
        Object driver = context.getService(instance.reference());
        if (driver == null) {
            throw new AssertionError("instance " + instance + " is gone");
        }
        try {
            return driver.getClass();
        } finally {
            context.ungetService(instance.reference());
        }
    }

    @Override
    public void close() {
        context.removeServiceListener(listener);
    }
}
