/**
 * Instrument simulators that speak SCPI over TCP: {@link org.pyrolab.sim.scpi.B2900Simulator}
 * and the pieces to write more ({@link org.pyrolab.sim.scpi.ScpiServer},
 * {@link org.pyrolab.sim.scpi.ScpiHandler}). Plain Java, so a simulator's {@code main} also runs
 * from the jar on a class path ({@code pyrolab simulate}); exported so that the {@code scpi.b2900}
 * driver can start one in-process for {@code simulate: true} when this bundle is installed.
 */
@Export
@Version("1.0.0")
package org.pyrolab.sim.scpi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
