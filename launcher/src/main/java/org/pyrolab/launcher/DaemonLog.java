package org.pyrolab.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The daemon's own rotating log, {@code <data>/logs/pyrolabd.log} (5 files of 5 MB), through
 * java.util.logging: the launcher, System.Logger users and (through the daemon bundle's log
 * listener) every bundle's OSGi log entries end up there, one line each.
 */
final class DaemonLog {
    static final String FILE = "pyrolabd.log";
    private static final int LIMIT = 5 * 1024 * 1024;
    private static final int COUNT = 5;

    private DaemonLog() {
    }

    /**
     * Keeps the log open while the JVM shuts down: java.util.logging's own shutdown hook would
     * close it at once, losing what bundles log while SIGTERM or Ctrl-C stops the framework.
     * Named by {@code -Djava.util.logging.manager}; the daemon closes the log itself at the end.
     */
    public static final class Manager extends LogManager {
        @Override
        public void reset() {
            if (!shuttingDown()) {
                super.reset();
            }
        }

        void close() {
            super.reset();
        }

        private static boolean shuttingDown() {
            try {
                Thread probe = new Thread(() -> { });
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        }
    }

    /** Flushes and closes the log files (and their .lck files); the last thing the daemon does. */
    static void close() {
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof Manager) {
            ((Manager) manager).close();
        } else {
            manager.reset();
        }
    }

    static void configure(Path logs, boolean verbose, boolean console) throws IOException {
        Files.createDirectories(logs);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Level level = verbose ? Level.FINE : Level.INFO;
        FileHandler file = new FileHandler(logs.resolve(FILE).toString().replace("%", "%%") + ".%g", LIMIT, COUNT, true);
        file.setFormatter(new LineFormatter());
        file.setLevel(level);
        file.setEncoding("UTF-8");
        root.addHandler(file);
        if (console) {
            ConsoleHandler out = new ConsoleHandler();
            out.setFormatter(new LineFormatter());
            out.setLevel(level);
            root.addHandler(out);
        }
        root.setLevel(level);
    }

    /** {@code 2026-11-26T14:03:05.123 INFO  org.pyrolab.daemon: message}. */
    static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder(160);
            line.append(TIME.format(r.getInstant())).append(' ');
            line.append(levelName(r.getLevel())).append(' ');
            line.append(r.getLoggerName() == null ? "-" : r.getLoggerName()).append(": ");
            line.append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        /** The level's word, padded to 7 (not by String.format: its parser is costly on every line of a burst). */
        private static String levelName(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return "ERROR  ";
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return "WARN   ";
            }
            if (level.intValue() >= Level.INFO.intValue()) {
                return "INFO   ";
            }
            return level.intValue() >= Level.FINE.intValue() ? "DEBUG  " : "TRACE  ";
        }
    }
}
