package org.pyrolab.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Brings the framework's bundle cache in line with the installation's {@code bundles/} folder.
 * The cache outlives the daemon so that a restart need not install everything again: a core
 * bundle is installed when new, updated when its jar is newer than the cached copy, and
 * uninstalled when it is no longer part of the installation. Bundles of the deploy directory
 * belong to the watcher, and those of the {@code web/} folder to the daemon's web switch, which
 * installs them when the configuration turns the page on and removes them when it is off: both
 * are left alone here.
 */
final class CoreBundles {
    private static final Logger LOG = Logger.getLogger("org.pyrolab.launcher");

    private final BundleContext context;
    private final Path bundlesDir;
    private final Path deployDir;
    private final Path webDir;

    CoreBundles(BundleContext context, Path bundlesDir, Path deployDir, Path webDir) {
        this.context = context;
        this.bundlesDir = bundlesDir;
        this.deployDir = deployDir;
        this.webDir = webDir;
    }

    /** Returns the core bundles in installation order. */
    List<Bundle> installOrUpdate() throws IOException, BundleException {
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                cached.put(b.getLocation(), b);
            }
        }
        List<Path> jars = Installation.jars(bundlesDir);
        Set<String> locations = new HashSet<>();
        jars.forEach(jar -> locations.add(jar.toUri().toString()));
        // first out with what is no longer ours: the same bundles of a moved or upgraded installation
        // (another folder, so other locations) could not be installed beside them
        for (Bundle stale : cached.values()) {
            if (!locations.contains(stale.getLocation()) && !isIn(stale.getLocation(), deployDir)
                    && !isIn(stale.getLocation(), webDir)) {
                LOG.info("uninstalling " + stale.getSymbolicName() + ", no longer part of the installation");
                stale.uninstall();
            }
        }
        List<Bundle> core = new ArrayList<>();
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle bundle = cached.get(location);
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle = context.installBundle(location, in);
                }
            } else if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle.update(in);
                }
                LOG.info("updated " + bundle.getSymbolicName() + " from " + jar.getFileName());
            }
            core.add(bundle);
        }
        return core;
    }

    private static boolean isIn(String location, Path dir) {
        try {
            return Path.of(URI.create(location)).startsWith(dir);
        } catch (RuntimeException notAFileLocation) {
            return false;
        }
    }
}
