package org.pyrolab.daemon.registry;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.daemon.internal.InstanceLock;

/**
 * Each service's own rotating log, {@code <data>/logs/services/<name>.log} (3 files of 1 MB).
 * Its entries also reach the daemon log, so {@code logs} shows everything and {@code logs NAME}
 * one service. Lines look like the daemon log's: the formatter is borrowed from its handler.
 */
@Component(service = ServiceLogs.class)
public class ServiceLogs {
    static final String PREFIX = "pyrolab.service.";
    private static final int LIMIT = 1024 * 1024;
    private static final int COUNT = 3;

    private final Path dir;
    /** Held here: the LogManager keeps loggers only weakly, and a collected one would lose its file. */
    private final Map<String, Logger> loggers = new HashMap<>();

    @Activate
    public ServiceLogs(@Reference InstanceLock lock) {
        this.dir = lock.folder().serviceLogs();
    }

    /** The logger of one service, its file opened on first use. */
    synchronized System.Logger logger(String service) {
        Logger jul = loggers.computeIfAbsent(service, name -> {
            Logger logger = Logger.getLogger(PREFIX + name);
            logger.addHandler(new ServiceLogFile(dir, name, LIMIT, COUNT, daemonFormatter()));
            return logger;
        });
        return new JulLogger(jul);
    }

    private static Formatter daemonFormatter() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof FileHandler && h.getFormatter() != null) {
                return h.getFormatter();
            }
        }
        return new SimpleFormatter();
    }

    @Deactivate
    synchronized void close() {
        for (Logger logger : loggers.values()) {
            for (Handler handler : logger.getHandlers()) {
                if (handler instanceof ServiceLogFile) {
                    logger.removeHandler(handler);
                }
            }
        }
        loggers.clear();
    }

    /** System.Logger over java.util.logging, the way the JDK's own bridge maps levels. */
    private static final class JulLogger implements System.Logger {
        private final Logger jul;

        JulLogger(Logger jul) {
            this.jul = jul;
        }

        @Override
        public String getName() {
            return jul.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return jul.isLoggable(map(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            jul.log(map(level), msg, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                jul.log(map(level), params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            if (isLoggable(level)) {
                jul.log(map(level), supplier.get());
            }
        }

        private static java.util.logging.Level map(Level level) {
            switch (level) {
                case ERROR:
                    return java.util.logging.Level.SEVERE;
                case WARNING:
                    return java.util.logging.Level.WARNING;
                case INFO:
                    return java.util.logging.Level.INFO;
                case DEBUG:
                    return java.util.logging.Level.FINE;
                case TRACE:
                    return java.util.logging.Level.FINER;
                default:
                    return java.util.logging.Level.ALL;
            }
        }
    }
}
