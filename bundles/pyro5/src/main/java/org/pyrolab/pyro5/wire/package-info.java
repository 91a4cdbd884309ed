/**
 * Pyro5 protocol 502 framing: messages, their bounded reading (memory reserved as bytes arrive,
 * never as a header announces), bounded decompression, and the shared memory budget.
 */
@Export
@Version("1.0.0")
package org.pyrolab.pyro5.wire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
