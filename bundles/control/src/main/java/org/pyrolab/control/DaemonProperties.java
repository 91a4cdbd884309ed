package org.pyrolab.control;

/**
 * The settings the launcher hands the daemon: system properties of the daemon JVM, passed on as
 * framework properties for the daemon bundle to read. One list, so the two sides cannot drift.
 */
public final class DaemonProperties {
    /** The data folder: lockfile, token, deploy directory, logs, bundle cache. */
    public static final String DATA = "pyrolab.data";
    /** The configuration folder, holding the user configuration {@code config.yaml}. */
    public static final String CONFIG = "pyrolab.config";
    /** A configuration file given to {@code up --config}, used instead of the user file. */
    public static final String START_CONFIG = "pyrolab.startconfig";
    public static final String VERBOSE = "pyrolab.verbose";
    /** The installation folder. */
    public static final String INSTALL = "pyrolab.install";
    public static final String VERSION = "pyrolab.version";
    /** Marks the service through which a bundle tells the launcher that the daemon cannot run. */
    public static final String FATAL_HOOK = "pyrolab.fatal";

    private DaemonProperties() {
    }
}
