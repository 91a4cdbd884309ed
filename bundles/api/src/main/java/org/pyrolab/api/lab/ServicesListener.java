package org.pyrolab.api.lab;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a service's record changes in the registry: its state, restarts, reason or next
 * restart. A whiteboard: register an implementation as an OSGi service and the registry calls
 * it. It carries no data: read {@link Services#list()} for what is now. Called on the registry's
 * threads, so it must return at once (hand the work to a thread of its own).
 */
@ConsumerType
@FunctionalInterface
public interface ServicesListener {

    void changed();
}
