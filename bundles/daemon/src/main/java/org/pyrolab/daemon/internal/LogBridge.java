package org.pyrolab.daemon.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Sends every bundle's OSGi log entries to the daemon log (java.util.logging, which the launcher
 * points at the rotating file), under the bundle's symbolic name.
 */
@Component(immediate = true)
public class LogBridge implements LogListener {
    private final LogReaderService reader;

    @Activate
    public LogBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
        // entries made while the framework started, before this listener existed, oldest first
        java.util.List<LogEntry> earlier = java.util.Collections.list(reader.getLog());
        java.util.Collections.reverse(earlier);
        earlier.forEach(this::logged);
    }

    @Deactivate
    void close() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String source = entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
        String message = entry.getMessage();
        // the framework's own event trail is debugging detail, not news
        Level level = message.startsWith("ServiceEvent ") || message.startsWith("BundleEvent ") ? Level.FINE : level(entry);
        Logger.getLogger(source).log(level, message, entry.getException());
    }

    private static Level level(LogEntry entry) {
        switch (entry.getLogLevel()) {
            case AUDIT:
            case ERROR:
                return Level.SEVERE;
            case WARN:
                return Level.WARNING;
            case INFO:
                return Level.INFO;
            case DEBUG:
                return Level.FINE;
            default:
                return Level.FINEST;
        }
    }
}
