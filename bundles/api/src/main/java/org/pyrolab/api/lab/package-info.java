/**
 * The daemon's own services, which the shell commands, the remote endpoints and tests call:
 * the daemon itself, the registry of services, the configuration and the deploy directory.
 * Driver authors do not need this package.
 */
@Export
@Version("3.0.0")
package org.pyrolab.api.lab;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
