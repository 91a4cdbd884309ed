package org.pyrolab.daemon.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * One service's rotating log, {@code NAME.log.0} (current) to {@code NAME.log.N}. The file is
 * opened for each entry rather than held open: a lab may configure a thousand services, and
 * JUL's FileHandler would keep two descriptors (file and lock file) for each of them.
 */
final class ServiceLogFile extends Handler {
    private final Path dir;
    private final String service;
    private final long limit;
    private final int count;

    ServiceLogFile(Path dir, String service, long limit, int count, Formatter formatter) {
        this.dir = dir;
        this.service = service;
        this.limit = limit;
        this.count = count;
        setFormatter(formatter);
    }

    private Path file(int generation) {
        return dir.resolve(service + ".log." + generation);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] entry = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        try {
            Path current = file(0);
            if (Files.exists(current) && Files.size(current) + entry.length > limit) {
                rotate();
            }
            Files.createDirectories(dir);
            Files.write(current, entry, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            reportError("cannot write the log of " + service, e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void rotate() throws IOException {
        for (int generation = count - 1; generation > 0; generation--) {
            if (Files.exists(file(generation - 1))) {
                Files.move(file(generation - 1), file(generation), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
