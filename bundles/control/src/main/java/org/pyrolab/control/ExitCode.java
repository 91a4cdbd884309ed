package org.pyrolab.control;

/** The exit codes of every {@code pyrolab} command. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_RUNNING = 3;
    /**
     * Never a command's: the native client (bin/pyrolab's fast path) exits with it to hand a
     * command to the Java client, so no command may use it.
     */
    public static final int HANDED_OVER = 125;

    private ExitCode() {
    }
}
