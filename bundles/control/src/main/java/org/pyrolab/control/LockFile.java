package org.pyrolab.control;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What the daemon records in {@code pyrolabd.lock} once it holds the lock: a few
 * {@code key=value} lines, written in one write so that a reader sees all of them or none.
 */
public final class LockFile {
    public static final String NAME = "pyrolabd.lock";

    public final long pid;
    public final int port;
    public final String version;
    public final Instant started;

    public LockFile(long pid, int port, String version, Instant started) {
        this.pid = pid;
        this.port = port;
        this.version = version;
        this.started = started;
    }

    public byte[] toBytes() {
        String text = "pid=" + pid + "\nport=" + port + "\nversion=" + version + "\nstarted=" + started + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The daemon's record in {@code dataDir}, or empty when there is none or it is still being written. */
    public static Optional<LockFile> read(Path dataDir) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dataDir.resolve(NAME));
        } catch (IOException e) {
            return Optional.empty(); // none, or not readable: nothing we could act on
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static Optional<LockFile> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return Optional.of(new LockFile(Long.parseLong(p.getProperty("pid")), Integer.parseInt(p.getProperty("port")),
                    p.getProperty("version", "?"), Instant.parse(p.getProperty("started"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // empty while a starting daemon has not written it yet
        }
    }
}
