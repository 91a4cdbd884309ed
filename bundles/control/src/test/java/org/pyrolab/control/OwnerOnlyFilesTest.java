package org.pyrolab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OwnerOnlyFilesTest {
    @TempDir
    Path temp;

    @BeforeEach
    void posix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    }

    @Test
    void createdFoldersAreTheOwnersAlone() throws IOException {
        Path dir = temp.resolve("a/b");
        OwnerOnlyFiles.createDirectories(dir);
        assertThat(mode(temp.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void aFileIsMadeOrNarrowedToTheOwner() throws IOException {
        Path made = temp.resolve("history");
        OwnerOnlyFiles.restrictFile(made);
        assertThat(made).exists().isEmptyFile();
        assertThat(mode(made)).isEqualTo("rw-------");

        Path open = Files.writeString(temp.resolve("open"), "kept");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-r--"));
        OwnerOnlyFiles.restrictFile(open);
        assertThat(mode(open)).isEqualTo("rw-------");
        assertThat(open).hasContent("kept");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
