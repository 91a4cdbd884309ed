/**
 * The commands that run without a daemon — {@code config validate/update/show/reset},
 * {@code logs}, {@code drivers} — in the {@code pyrolab} command's own JVM. The launcher loads
 * this package (with the daemon, API, control, pyro5 and Jackson jars of the installation) in a
 * class loader of its own only when one of these commands runs with no daemon, and calls
 * {@link org.pyrolab.daemon.offline.OfflineMain#run}. Plain Java: no OSGi type is used here, and
 * nothing here is exported to the framework. It reads, checks and prints with the daemon's own
 * classes ({@code config}, {@code logs}, {@code deploy}, {@code registry}, {@code text}), so
 * both paths say the same.
 */
package org.pyrolab.daemon.offline;
