package org.pyrolab.daemon.registry;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentFactory;
import org.pyrolab.daemon.config.ParameterSpec;

/** A driver offered by an installed bundle: its factory and what it declares. */
record DriverEntry(String id, String description, Bundle bundle, ComponentFactory<?> factory, List<ParameterSpec> parameters,
        long serviceId) {

    String bundleName() {
        return bundle.getSymbolicName();
    }

    String bundleVersion() {
        return bundle.getVersion().toString();
    }
}
