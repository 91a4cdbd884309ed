/** A small Pyro5 client: calls on one object, and endpoint liveness probes. */
@Export
@Version("1.1.0")
package org.pyrolab.pyro5.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
