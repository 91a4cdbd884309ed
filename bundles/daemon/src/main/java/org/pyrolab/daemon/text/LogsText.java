package org.pyrolab.daemon.text;

import java.nio.file.Path;

import org.pyrolab.control.CommandFailure;

/** What {@code logs export} and {@code logs clean} print, with a daemon or without. */
public final class LogsText {
    public static final String USAGE = "logs [NAME] [-f] [-n N] | logs export FILE | logs clean";
    /** How many lines {@code logs} shows without {@code -n}. */
    public static final int DEFAULT_LINES = 50;

    private LogsText() {
    }

    public static CommandFailure usage() {
        return CommandFailure.usage("usage: pyrolab " + USAGE);
    }

    public static String exported(long entries, Path file) {
        return "Wrote " + entries + " log entries to " + file + ".";
    }

    public static String cleaned(int files) {
        return "Cleared " + files + " log files.";
    }
}
