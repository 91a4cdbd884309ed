package org.pyrolab.launcher.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder of the lab's TLS files: owner-only (0700), keys 0600 from the moment they exist
 * (written to a temporary file made with those permissions, then renamed), certificates 0644.
 */
final class TlsFolder {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    final Path dir;

    TlsFolder(Path dir) {
        this.dir = dir;
    }

    Path caCert() {
        return dir.resolve("ca.pem");
    }

    Path caKey() {
        return dir.resolve("ca.key");
    }

    Path serverCert() {
        return dir.resolve("server.pem");
    }

    Path serverKey() {
        return dir.resolve("server.key");
    }

    Path clientCert(String name) {
        return dir.resolve("client-" + name + ".pem");
    }

    Path clientKey(String name) {
        return dir.resolve("client-" + name + ".key");
    }

    void create() throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create " + dir + " (" + e.getMessage() + "); give a folder you can write with --dir", e);
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    void writeKey(Path file, String pem) throws IOException {
        write(file, pem, "rw-------");
    }

    void writeCert(Path file, String pem) throws IOException {
        write(file, pem, "rw-r--r--");
    }

    private void write(Path file, String text, String mode) throws IOException {
        Path temp = POSIX ? Files.createTempFile(dir, ".tls", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".tls", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            if (POSIX) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
