/** Pyro5's name server: its table, storage, broadcast responder and server. */
@Export
@Version("1.0.0")
package org.pyrolab.pyro5.ns;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
