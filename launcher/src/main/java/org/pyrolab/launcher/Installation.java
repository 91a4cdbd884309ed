package org.pyrolab.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The installed PyroLab: {@code bin/}, {@code lib/} (this launcher and the framework),
 * {@code bundles/} (the core bundles), {@code web/} (the web page's bundles, installed by the daemon
 * only while the configuration turns the page on), {@code drivers/} (the drivers it ships) and {@code config/}.
 * Found from where this class was loaded, so the scripts need not say.
 */
final class Installation {
    final Path root;

    Installation(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    static Installation locate() {
        String override = System.getProperty("pyrolab.install");
        if (override != null) {
            return new Installation(Paths.get(override));
        }
        try {
            Path jar = Paths.get(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Installation(jar.getParent().getParent()); // <root>/lib/launcher.jar
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path lib() {
        return root.resolve("lib");
    }

    Path bundles() {
        return root.resolve("bundles");
    }

    Path web() {
        return root.resolve("web");
    }

    Path drivers() {
        return root.resolve("drivers");
    }

    Path frameworkProperties() {
        return root.resolve("config").resolve("framework.properties");
    }

    /**
     * The class path of the daemon JVM: the jars in {@code lib/} but Bouncy Castle's, which only
     * {@code tls init} uses, in the command's JVM. They are signed, and a signed jar on the class
     * path costs every JVM that opens it the check of its signature (about 30 ms of each start).
     * JLine's neither: only {@code pyrolab shell} on a terminal uses it, in the command's JVM.
     */
    String classPath() {
        return jars(lib()).stream().filter(jar -> !jar.getFileName().toString().startsWith("bc")
                && !jar.getFileName().toString().startsWith("jline"))
                .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version this launcher was built as. */
    static String version() {
        try (InputStream in = Installation.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
