package org.pyrolab.daemon.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.pyrolab.api.Driver;
import org.pyrolab.daemon.config.ConfigTarget;
import org.pyrolab.daemon.config.ParameterSpec;

/**
 * The drivers installed bundles offer, learned from the framework: every DS component factory
 * named {@value Driver#FACTORY}. Its id, description and parameters are component properties,
 * which SCR does not copy onto the factory service, so they are read from SCR's description.
 * A second bundle offering an id already taken is recorded as a problem and ignored.
 */
@Component(service = {DriverCatalog.class, ConfigTarget.Drivers.class})
public class DriverCatalog implements ConfigTarget.Drivers {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.drivers");

    /** Told when drivers come and go; called without the catalog's lock held. */
    interface Listener {
        void driverAdded(DriverEntry driver);

        void driverRemoved(DriverEntry driver);
    }

    private final ServiceComponentRuntime scr;
    private final Map<String, DriverEntry> drivers = new LinkedHashMap<>();
    /** What is wrong with a driver component, by the service id of its factory. */
    private final Map<Long, Map.Entry<Bundle, String>> problems = new LinkedHashMap<>();
    /** Factories ignored because their id was taken: one of them takes over when the holder leaves. */
    private final Map<Long, Map.Entry<ComponentFactory<?>, ServiceReference<?>>> waiting = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public DriverCatalog(@Reference ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    @Reference(service = ComponentFactory.class, target = "(component.factory=" + Driver.FACTORY + ")",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(ComponentFactory<?> factory, ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        String component = (String) ref.getProperty("component.name");
        ComponentDescriptionDTO description = bundle == null ? null : scr.getComponentDescriptionDTO(bundle, component);
        if (description == null) {
            return; // the bundle is going away already
        }
        Object id = description.properties.get(Driver.ID);
        DriverEntry entry;
        synchronized (this) {
            if (!(id instanceof String)) {
                problems.put(serviceId, Map.entry(bundle, DriverInfo.noId(component)));
                return;
            }
            DriverEntry taken = drivers.get(id);
            if (taken != null) {
                String problem = DriverInfo.taken(id, taken.bundleName(), taken.bundleVersion());
                problems.put(serviceId, Map.entry(bundle, problem));
                waiting.put(serviceId, Map.entry(factory, ref));
                LOG.log(System.Logger.Level.WARNING, bundle.getLocation() + " (" + bundle.getSymbolicName() + "): " + problem);
                return;
            }
            List<ParameterSpec> parameters;
            try {
                parameters = DriverDeclaration.parameters(bundle, (String) description.properties.get(Driver.PARAMETERS));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.put(serviceId, Map.entry(bundle, DriverInfo.unloadable(id, e)));
                return;
            }
            Object text = description.properties.get(Driver.DESCRIPTION);
            entry = new DriverEntry((String) id, text == null ? "" : text.toString(), bundle, factory, parameters, serviceId);
            drivers.put(entry.id(), entry);
        }
        LOG.log(System.Logger.Level.INFO, "driver " + entry.id() + " available from " + entry.bundleName() + " " + entry.bundleVersion());
        listeners.forEach(l -> l.driverAdded(entry));
    }

    void removeFactory(ComponentFactory<?> factory, ServiceReference<?> ref) {
        long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        DriverEntry removed = null;
        List<Map.Entry<ComponentFactory<?>, ServiceReference<?>>> retry = new ArrayList<>();
        synchronized (this) {
            problems.remove(serviceId);
            waiting.remove(serviceId);
            for (DriverEntry e : drivers.values()) {
                if (e.serviceId() == serviceId) {
                    removed = e;
                }
            }
            if (removed != null) {
                drivers.remove(removed.id());
                retry.addAll(waiting.values());
                waiting.keySet().forEach(problems::remove);
                waiting.clear();
            }
        }
        if (removed != null) {
            LOG.log(System.Logger.Level.INFO, "driver " + removed.id() + " gone with " + removed.bundleName());
            DriverEntry gone = removed;
            listeners.forEach(l -> l.driverRemoved(gone));
        }
        retry.forEach(e -> addFactory(e.getKey(), e.getValue()));
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    synchronized Optional<DriverEntry> find(String id) {
        return Optional.ofNullable(drivers.get(id));
    }

    synchronized List<DriverEntry> all() {
        return new ArrayList<>(drivers.values());
    }

    /** Problems of driver components, each with the bundle it came from. */
    synchronized List<Map.Entry<Bundle, String>> problems() {
        return new ArrayList<>(problems.values());
    }

    /** What the configuration reader asks: the parameters of a driver id, if installed. */
    @Override
    public Optional<List<ParameterSpec>> parametersOf(String id) {
        return find(id).map(DriverEntry::parameters);
    }
}
