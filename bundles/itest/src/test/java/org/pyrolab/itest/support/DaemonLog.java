package org.pyrolab.itest.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What the daemon logs under one logger name while a test runs. The daemon logs through
 * {@link System.Logger}, which the JDK backs with java.util.logging of the same name: a handler
 * added here sees every entry whatever the launcher does with them.
 */
public final class DaemonLog implements AutoCloseable {
    private final Logger logger; // held: java.util.logging keeps loggers only weakly
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public DaemonLog(String loggerName) {
        logger = Logger.getLogger(loggerName);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Messages at {@code level} or above. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
