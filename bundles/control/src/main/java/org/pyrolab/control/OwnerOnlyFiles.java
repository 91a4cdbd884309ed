package org.pyrolab.control;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders and files for the user's eyes only: the data and configuration folders, the shell
 * history, keys. POSIX modes {@code rwx------} and {@code rw-------}; elsewhere (Windows) the
 * folders under {@code %LOCALAPPDATA%} inherit an owner-only ACL and nothing is changed.
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} and its missing parents, each {@code rwx------}; an existing folder is left as it is. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates {@code file} empty if missing, and makes it {@code rw-------} either way (it may hold what others must not read). */
    public static void restrictFile(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
