package org.pyrolab.daemon.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.pyrolab.control.AtomicFile;
import org.pyrolab.control.LockFile;

/**
 * One daemon per user: an OS lock on {@code <data>/instance.lock}, held while this component is
 * active. The OS releases it when the process dies, so a crash leaves no stale lock, only a
 * record that names a dead pid. The record (pid, control port, version, start time) goes to
 * {@code <data>/pyrolabd.lock} once the control port is open, replaced atomically
 * ({@link AtomicFile}); the OS lock is on a file of its own because a file replaced by a rename
 * is a new file, which a newcomer could lock while the old one is still held.
 */
@Component(service = InstanceLock.class)
public class InstanceLock {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon");

    private final Path file;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    final DataFolder files;
    final Instant started = Instant.now();
    private volatile int port;

    @Activate
    public InstanceLock(BundleContext context) {
        files = DataFolder.of(context);
        file = files.lockfile();
        lockFile = files.instanceLock();
        try {
            Files.createDirectories(files.root());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw Fatal.report(context, "cannot open the lockfile " + lockFile + ": " + e.getMessage());
        }
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (IOException e) {
            close();
            throw Fatal.report(context, "the folder " + files.root() + " does not support file locks (" + e.getMessage()
                    + "); set PYROLAB_HOME to a local folder");
        }
        if (acquired == null) {
            close();
            String holder = LockFile.read(files.root()).map(l -> " (pid " + l.pid + ")").orElse("");
            throw Fatal.report(context, "PyroLab daemon is already running" + holder);
        }
        lock = acquired;
    }

    /** Records pid, port, version and start time in one atomic replacement, so readers see all or nothing. */
    void publish(int controlPort) throws IOException {
        port = controlPort;
        byte[] record = new LockFile(ProcessHandle.current().pid(), controlPort, files.version(), started).toBytes();
        AtomicFile.write(file, record);
        // plain strings: MessageFormat would print the pid as "18,401"
        LOG.log(System.Logger.Level.INFO, "daemon ready: pid " + ProcessHandle.current().pid() + ", control port " + controlPort);
    }

    /**
     * The data folder, handed out by the lock: components that work in it reference this one,
     * so none of them runs before this daemon owns the folder. (Registering the folder as a
     * service from here would activate them inside this activation: a cycle for SCR.)
     */
    public DataFolder folder() {
        return files;
    }

    int port() {
        return port;
    }

    @Deactivate
    void release() {
        try {
            // delete the record while still locked, so no newcomer's record is removed; the lock's own
            // file stays: deleting it would let a newcomer lock a fresh file while a waiter holds the old
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the lockfile " + file, e);
        }
        close();
    }

    private void close() {
        try {
            channel.close(); // releases the lock too
        } catch (IOException e) {
            // closing on the way out: nothing more to do
        }
    }
}
