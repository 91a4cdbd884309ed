/**
 * The daemon's own services, which the shell commands, the remote endpoints and tests call:
 * the daemon itself, the registry of services, the configuration, the deploy directory and
 * the web page ({@link WebPage}), and a listener for changes ({@link ServicesListener}). Driver authors do not need this package.
 */
@Export
@Version("3.1.0")
package org.pyrolab.api.lab;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
