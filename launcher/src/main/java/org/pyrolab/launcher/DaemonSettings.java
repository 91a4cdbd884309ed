package org.pyrolab.launcher;

/**
 * The names of the settings the launcher hands the daemon JVM (as system properties) and the
 * framework (as framework properties the daemon bundle reads), in one place.
 */
final class DaemonSettings {
    /** The data folder. */
    static final String DATA = "pyrolab.data";
    /** The configuration folder. */
    static final String CONFIG = "pyrolab.config";
    /** A configuration file given to {@code up --config}, used instead of the user file. */
    static final String START_CONFIG = "pyrolab.startconfig";
    static final String VERBOSE = "pyrolab.verbose";
    static final String FOREGROUND = "pyrolab.foreground";
    static final String INSTALL = "pyrolab.install";
    static final String VERSION = "pyrolab.version";

    /** Marks the service through which a bundle tells the launcher that the daemon cannot run. */
    static final String FATAL_HOOK = "pyrolab.fatal";
    /** A line on the daemon's stderr that the starting CLI shows as the reason it failed. */
    static final String FATAL_PREFIX = "pyrolab: ";

    static final String DAEMON_MAIN = "org.pyrolab.launcher.DaemonMain";

    private DaemonSettings() {
    }
}
