package org.pyrolab.daemon.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.lab.Deployer;
import org.pyrolab.daemon.internal.InstanceLock;

/**
 * The deploy directory as the command line sees it. Felix FileInstall does the watching,
 * installing, updating and uninstalling; this adds safe copying in and out, and diagnoses
 * files that do not run (not a jar, not a bundle, imports that cannot resolve), logging each
 * problem once per version of the file.
 */
@Component(immediate = true)
public class DeployDirectory implements Deployer {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.deploy");
    private static final long WAIT_MS = 10_000;
    /**
     * A file that is not (yet) a readable jar may still be being copied, however slowly: it is
     * reported only once it has not changed for this long. FileInstall itself waits likewise.
     */
    private static final long QUIET_MS = 10_000;

    private final BundleContext context;
    private final Path dir;
    private final Map<Path, Diagnosis> diagnoses = new HashMap<>();
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyrolab-deploy-check");
        t.setDaemon(true);
        return t;
    });

    /** What is wrong with one version (modification time) of a file. */
    private record Diagnosis(long modified, String problem) {
    }

    @Activate
    public DeployDirectory(BundleContext context, @Reference InstanceLock lock) throws IOException {
        this.context = context;
        this.dir = lock.folder().deploy();
        Files.createDirectories(dir);
        scanner.scheduleWithFixedDelay(this::problems, 2, 2, TimeUnit.SECONDS);
    }

    @Deactivate
    void close() {
        scanner.shutdownNow();
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public String install(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist; give the path of a bundle jar");
        }
        String symbolicName = symbolicName(jar).orElseThrow(() -> new IllegalArgumentException(
                jar + " is not an OSGi bundle (" + whyNotABundle(jar) + "); nothing was installed"));
        Path target = dir.resolve(jar.getFileName().toString().endsWith(".jar") ? jar.getFileName().toString() : jar.getFileName() + ".jar");
        Path part = dir.resolve("." + target.getFileName() + ".part"); // invisible to the watcher until complete
        try {
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + jar + " into " + dir + ": " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Bundle> bundle = bundleAt(target);
            if (bundle.isPresent() && bundle.get().getState() == Bundle.ACTIVE && bundle.get().getLastModified() >= modified(target)) {
                return "Installed " + symbolicName + " " + bundle.get().getVersion() + " from " + target.getFileName() + ".";
            }
            String problem = diagnose(target);
            if (problem != null && bundle.isPresent()) {
                throw new IllegalStateException(target.getFileName() + " was copied into the deploy directory but does not run: " + problem);
            }
            sleep(50);
        }
        throw new IllegalStateException(target.getFileName() + " was copied into " + dir + " but was not installed within "
                + WAIT_MS / 1000 + " s; see `pyrolab logs`");
    }

    @Override
    public String uninstall(String symbolicName) {
        Bundle bundle = null;
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        if (bundle == null) {
            throw new IllegalArgumentException("no installed bundle is named " + symbolicName + "; `pyrolab drivers` lists the driver bundles");
        }
        Path file = pathOf(bundle.getLocation());
        if (file == null || !file.startsWith(dir)) {
            throw new IllegalArgumentException(symbolicName + " is part of the installation, not of the deploy directory, and cannot be uninstalled");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + file + ": " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (bundle.getState() != Bundle.UNINSTALLED) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(file.getFileName() + " was removed but " + symbolicName + " is still installed; see `pyrolab logs`");
            }
            sleep(50);
        }
        return "Uninstalled " + symbolicName + " (" + file.getFileName() + " removed from the deploy directory).";
    }

    @Override
    public synchronized List<DriverDTO> problems() {
        List<DriverDTO> rows = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().startsWith("."))) {
            for (Path file : files) {
                String problem = file.getFileName().toString().endsWith(".jar") ? diagnose(file)
                        : "ignored: only .jar files in the deploy directory are installed";
                if (problem != null) {
                    DriverDTO row = new DriverDTO();
                    row.file = file.getFileName().toString();
                    row.problem = problem;
                    bundleAt(file).ifPresent(b -> {
                        row.bundle = b.getSymbolicName();
                        row.version = b.getVersion().toString();
                    });
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + dir + ": " + e.getMessage());
        }
        diagnoses.keySet().removeIf(p -> !Files.exists(p));
        return rows;
    }

    @Override
    public boolean settled() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path file : files) {
                Optional<Bundle> bundle = bundleAt(file);
                boolean running = bundle.isPresent() && bundle.get().getState() == Bundle.ACTIVE;
                if (!running && diagnose(file) == null) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    /** What is wrong with a file in the deploy directory, or null; logged once per version. */
    private synchronized String diagnose(Path file) {
        long modified = modified(file);
        Diagnosis known = diagnoses.get(file);
        Optional<Bundle> bundle = bundleAt(file);
        if (bundle.isPresent() && bundle.get().getState() == Bundle.ACTIVE) {
            diagnoses.remove(file);
            return null;
        }
        if (known != null && known.modified() == modified) {
            return known.problem();
        }
        String problem;
        if (symbolicName(file).isEmpty()) {
            if (System.currentTimeMillis() - modified < QUIET_MS) {
                return null;
            }
            problem = "not an OSGi bundle (" + whyNotABundle(file) + ")";
        } else if (bundle.isEmpty()) {
            return null; // the watcher has not got to it yet
        } else {
            problem = whyNotStarted(bundle.get());
            if (problem == null) {
                return null;
            }
        }
        diagnoses.put(file, new Diagnosis(modified, problem));
        LOG.log(System.Logger.Level.ERROR, "deploy/" + file.getFileName() + ": " + problem);
        return problem;
    }

    private static String whyNotStarted(Bundle bundle) {
        if (bundle.getState() == Bundle.RESOLVED && bundle.getHeaders().get("Fragment-Host") != null) {
            return null;
        }
        try {
            bundle.start(); // what the watcher tries too; the framework's exception says what is missing
            return null;
        } catch (BundleException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("Unable to resolve") ? "its imports cannot be resolved: " + message : "it does not start: " + message;
        }
    }

    private static Optional<String> symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest()).map(m -> m.getMainAttributes().getValue("Bundle-SymbolicName"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String whyNotABundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? "the jar has no manifest" : "its manifest has no Bundle-SymbolicName";
        } catch (IOException e) {
            return "not a jar file";
        }
    }

    private Optional<Bundle> bundleAt(Path file) {
        for (Bundle b : context.getBundles()) {
            Path location = pathOf(b.getLocation());
            if (file.equals(location)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private static Path pathOf(String location) {
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        } catch (RuntimeException notAFile) {
            return null;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
