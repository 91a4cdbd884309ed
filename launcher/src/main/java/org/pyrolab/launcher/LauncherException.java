package org.pyrolab.launcher;

import org.pyrolab.control.ExitCode;

/** A failure the user can act on: printed as one sentence, exit code attached. */
final class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    LauncherException(String message) {
        this(ExitCode.FAILED, message);
    }

    LauncherException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
