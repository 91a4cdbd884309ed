package org.pyrolab.launcher;

/**
 * Names only the launcher uses; those it shares with the daemon bundle are in
 * {@link org.pyrolab.control.DaemonProperties}.
 */
final class DaemonSettings {
    /** The daemon runs in the CLI's own JVM ({@code up --foreground}) and also logs to the console. */
    static final String FOREGROUND = "pyrolab.foreground";
    /** A line on the daemon's stderr that the starting CLI shows as the reason it failed. */
    static final String FATAL_PREFIX = "pyrolab: ";

    static final String DAEMON_MAIN = "org.pyrolab.launcher.DaemonMain";

    private DaemonSettings() {
    }
}
