package org.pyrolab.daemon.internal;

import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.pyrolab.control.DaemonProperties;

/**
 * Tells the launcher that the daemon cannot run (its lock is held, its configuration is
 * invalid); the launcher prints the reason for {@code pyrolab up} and stops the framework.
 * Inside a test framework, where there is no launcher, the reason is only thrown.
 */
public final class Fatal {
    private Fatal() {
    }

    @SuppressWarnings("unchecked")
    public static IllegalStateException report(BundleContext context, String reason) {
        ServiceReference<?>[] hooks;
        try {
            hooks = context.getServiceReferences(Consumer.class.getName(), "(" + DaemonProperties.FATAL_HOOK + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<?> ref : hooks == null ? new ServiceReference<?>[0] : hooks) {
            Object hook = context.getService(ref);
            if (hook != null) {
                ((Consumer<String>) hook).accept(reason);
                context.ungetService(ref);
            }
        }
        return new IllegalStateException(reason);
    }
}
