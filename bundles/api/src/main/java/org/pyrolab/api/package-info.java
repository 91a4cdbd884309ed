/**
 * What a driver author needs: how a driver declares itself ({@link org.pyrolab.api.DriverType}),
 * how its parameters arrive (a DS component property type), its life cycle ({@link org.pyrolab.api.Driver})
 * and what it exposes remotely ({@link org.pyrolab.api.Expose}).
 */
@Export
@Version("1.0.0")
package org.pyrolab.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
