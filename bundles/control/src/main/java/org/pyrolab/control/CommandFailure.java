package org.pyrolab.control;

/**
 * A command failed in a way the user can act on. Its message is one sentence saying what is
 * wrong and what to do; the CLI prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CommandFailure(String message) {
        this(ExitCode.FAILED, message);
    }

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A bad command line: exit code {@value ExitCode#USAGE}. */
    public static CommandFailure usage(String message) {
        return new CommandFailure(ExitCode.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
