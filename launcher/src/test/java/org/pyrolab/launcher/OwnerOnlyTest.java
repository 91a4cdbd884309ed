package org.pyrolab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OwnerOnlyTest {
    private static final Path DIR = Paths.get("/home/ada/.local/share/pyrolab");

    @TempDir
    Path temp;

    @Test
    void ownerOnlyFoldersPass() {
        assertThat(OwnerOnly.problem("the PyroLab data folder", DIR, "1000", "1000", PosixFilePermissions.fromString("rwx------"))).isEmpty();
        assertThat(OwnerOnly.problem("the PyroLab data folder", DIR, "1000", "1000", PosixFilePermissions.fromString("rwxr-xr-x"))).isEmpty();
    }

    @Test
    void writableByGroupOrOthersIsRefusedWithTheFix() {
        assertThat(OwnerOnly.problem("the PyroLab data folder", DIR, "1000", "1000", PosixFilePermissions.fromString("rwxrwxr-x")))
                .contains("the PyroLab data folder " + DIR + " is writable by its group; run chmod go-w " + DIR);
        assertThat(OwnerOnly.problem("the deploy directory", DIR, "1000", "1000", PosixFilePermissions.fromString("rwxr-xrwx")))
                .contains("the deploy directory " + DIR + " is writable by others; run chmod go-w " + DIR);
        assertThat(OwnerOnly.problem("the deploy directory", DIR, "1000", "1000", PosixFilePermissions.fromString("rwxrwxrwx")))
                .contains("the deploy directory " + DIR + " is writable by its group and by others; run chmod go-w " + DIR);
    }

    @Test
    void someoneElsesFolderIsRefused() {
        assertThat(OwnerOnly.problem("the PyroLab data folder", DIR, "0", "1000", PosixFilePermissions.fromString("rwx------")))
                .contains("the PyroLab data folder " + DIR + " belongs to user 0, not to you (user 1000); use a folder of your own"
                        + " (PYROLAB_HOME or --home) or run chown 1000 " + DIR);
        // an unknown user proves nothing either way: only the mode is checked
        assertThat(OwnerOnly.problem("the PyroLab data folder", DIR, "0", null, PosixFilePermissions.fromString("rwx------"))).isEmpty();
    }

    @Test
    void onTheFileSystemAGroupWritableFolderIsRefusedAndCreatedFoldersAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path created = temp.resolve("a/b/pyrolab");
        org.pyrolab.control.OwnerOnlyFiles.createDirectories(created);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
        OwnerOnly.check("the PyroLab data folder", created);

        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> OwnerOnly.check("the PyroLab data folder", created)).isInstanceOf(LauncherException.class)
                .hasMessage("the PyroLab data folder " + created + " is writable by its group; run chmod go-w " + created);
    }
}
