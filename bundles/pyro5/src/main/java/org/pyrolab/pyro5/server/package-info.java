/**
 * The Pyro5 server engine: accepts connections, runs the handshake and calls against
 * {@link org.pyrolab.pyro5.server.PyroObjects}, and bounds connections, time and threads.
 */
@Export
@Version("1.0.0")
package org.pyrolab.pyro5.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
