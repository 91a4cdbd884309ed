package org.pyrolab.daemon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The deploy directory judged with no framework: the daemon's verdicts on what the files alone tell; the time is an input. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeployListingTest {
    private static final long NOW = 1_800_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void reportsWhatTheDaemonReportsOfFilesAlone() throws IOException {
        quietFor(Files.writeString(dir.resolve("broken.jar"), "not a zip"), Verdicts.QUIET_MS);
        quietFor(Files.writeString(dir.resolve("notes.txt"), "a note"), 0);
        quietFor(Files.writeString(dir.resolve("copying.jar"), "half"), Verdicts.QUIET_MS - 1);
        quietFor(Files.writeString(dir.resolve(".hidden.jar.part"), "x"), Verdicts.QUIET_MS);
        Path bundle = dir.resolve("bundle.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.bundle");
        new JarOutputStream(Files.newOutputStream(bundle), manifest).close();
        quietFor(bundle, Verdicts.QUIET_MS);

        assertThat(DeployListing.problems(dir, NOW)).extracting(r -> r.file + ": " + r.problem).containsExactly(
                "broken.jar: not an OSGi bundle (not a jar file)",
                "notes.txt: ignored: only .jar files in the deploy directory are installed");
        assertThat(DeployListing.isBundle(bundle)).isTrue();
        assertThat(DeployListing.isBundle(dir.resolve("broken.jar"))).isFalse();
        assertThat(DeployListing.files(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("broken.jar", "bundle.jar", "copying.jar", "notes.txt");
    }

    @Test
    void aFolderThatIsNotThereHasNoFiles() throws IOException {
        assertThat(DeployListing.files(dir.resolve("none"))).isEmpty();
        assertThat(DeployListing.problems(dir.resolve("none"), NOW)).isEmpty();
    }

    private static void quietFor(Path file, long ms) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(NOW - ms));
    }
}
