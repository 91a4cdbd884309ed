package org.pyrolab.pyro5.client;

import org.pyrolab.pyro5.serial.PyroUri;

/** Tells whether the endpoint behind a URI still answers. */
@FunctionalInterface
public interface EndpointProbe {

    boolean alive(PyroUri uri);
}
