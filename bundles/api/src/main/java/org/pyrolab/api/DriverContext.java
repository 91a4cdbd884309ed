package org.pyrolab.api;

import org.osgi.annotation.versioning.ProviderType;

/** What the daemon offers a running driver instance. */
@ProviderType
public interface DriverContext {

    /** The configured name of the service this instance runs as, such as {@code asgard.laser}. */
    String serviceName();

    /** A logger whose entries go to the daemon log and to this service's own log. */
    System.Logger logger();

    /**
     * Tells the daemon the instrument was lost after a successful connect (a cable pulled, a
     * device reset). The service becomes FAILED with this reason and its restart policy applies.
     */
    void failed(String reason);
}
