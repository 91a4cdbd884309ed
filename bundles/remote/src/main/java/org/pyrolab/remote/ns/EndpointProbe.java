package org.pyrolab.remote.ns;

import org.pyrolab.remote.serial.PyroUri;

/** Tells whether the endpoint behind a URI still answers. */
@FunctionalInterface
public interface EndpointProbe {

    boolean alive(PyroUri uri);
}
