package org.pyrolab.launcher;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;

/**
 * Hides Gogo shell's {@code telnetd} from every bundle but its own, so Gogo's runtime never sees it:
 * it would open a port with a shell and no token, which any local user could reach. Registered on
 * the framework before any bundle starts, so no tracker has seen it first.
 */
final class HiddenCommands implements FindHook, EventListenerHook {
    private static final String TELNET = "org.apache.felix.gogo.shell.Telnet";

    private HiddenCommands() {
    }

    static void register(BundleContext framework) {
        HiddenCommands hooks = new HiddenCommands();
        framework.registerService(new String[] {FindHook.class.getName(), EventListenerHook.class.getName()}, hooks, null);
    }

    private static boolean hidden(ServiceReference<?> reference, BundleContext viewer) {
        Object classes = reference.getProperty(Constants.OBJECTCLASS);
        return classes instanceof String[] names && List.of(names).contains(TELNET)
                && viewer.getBundle() != reference.getBundle();
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices, Collection<ServiceReference<?>> references) {
        references.removeIf(reference -> hidden(reference, context));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        listeners.keySet().removeIf(context -> hidden(event.getServiceReference(), context));
    }
}
