/**
 * The words of the commands that run with and without a daemon ({@code config validate/update/
 * show/reset}, {@code logs}, {@code drivers}) and of the web page's JSON: the shell's Gogo commands and the daemon-free path
 * ({@code org.pyrolab.daemon.offline}) both print through these classes, so the two cannot drift.
 * Plain Java (Jackson for JSON): no OSGi type.
 */
@Export
@Version("1.1.0")
package org.pyrolab.daemon.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
