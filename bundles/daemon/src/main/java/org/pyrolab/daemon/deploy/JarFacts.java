package org.pyrolab.daemon.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;

import org.pyrolab.daemon.deploy.Verdicts.FileFacts;

/** What a file is, read from the file alone (no framework): a bundle jar's symbolic name, or why it is no bundle. */
final class JarFacts {
    private JarFacts() {
    }

    static FileFacts of(Path file) {
        if (!file.getFileName().toString().endsWith(".jar")) {
            return new FileFacts(false, null, null);
        }
        return symbolicName(file).map(n -> new FileFacts(true, n, null)).orElseGet(() -> new FileFacts(true, null, whyNotABundle(file)));
    }

    static Optional<String> symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest()).map(m -> m.getMainAttributes().getValue("Bundle-SymbolicName"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String whyNotABundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? "the jar has no manifest" : "its manifest has no Bundle-SymbolicName";
        } catch (IOException e) {
            return "not a jar file";
        }
    }
}
