package org.pyrolab.daemon.deploy;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * A {@link WatchService} on one directory and the thread that takes its events: each created,
 * modified or deleted visible file is handed to {@code changed}; an overflow (events lost) to
 * {@code lost}, which looks at every file once.
 */
final class DirectoryEvents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.deploy");
    private final Path dir;
    private final WatchService watcher;

    DirectoryEvents(Path dir, Consumer<Path> changed, Runnable lost) throws IOException {
        this.dir = dir;
        this.watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        Thread thread = new Thread(() -> take(changed, lost), "pyrolab-deploy-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void take(Consumer<Path> changed, Runnable lost) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        lost.run();
                    } else {
                        Path file = dir.resolve((Path) event.context());
                        if (!file.getFileName().toString().startsWith(".")) { // .NAME.part: being copied in
                            changed.accept(file);
                        }
                    }
                }
                if (!key.reset()) {
                    LOG.log(System.Logger.Level.WARNING, dir + " can no longer be watched; `pyrolab drivers` still looks on request");
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "watching " + dir + " ended: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            watcher.close(); // ends the thread's take()
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
