/**
 * How the {@code pyrolab} command finds its daemon and talks to it: the lockfile's contents, the
 * token file, the frames on the loopback control port and the exit codes. Shared by the launcher
 * (a plain class path) and the daemon bundle, so the two can never disagree.
 */
@Export
@Version("1.3.0")
package org.pyrolab.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
