package org.pyrolab.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Brings the framework's bundle cache in line with the installation's {@code bundles/} folder.
 * The cache outlives the daemon so that a restart need not install everything again: a core
 * bundle is installed when new, updated when its jar is newer than the cached copy, and
 * uninstalled when it is no longer part of the installation. Bundles of the deploy directory
 * belong to the watcher and are left alone.
 */
final class CoreBundles {
    private static final Logger LOG = Logger.getLogger("org.pyrolab.launcher");

    private final BundleContext context;
    private final Path bundlesDir;
    private final Path deployDir;

    CoreBundles(BundleContext context, Path bundlesDir, Path deployDir) {
        this.context = context;
        this.bundlesDir = bundlesDir;
        this.deployDir = deployDir;
    }

    /** Returns the core bundles in installation order. */
    List<Bundle> installOrUpdate() throws IOException, BundleException {
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                cached.put(b.getLocation(), b);
            }
        }
        List<Bundle> core = new ArrayList<>();
        for (Path jar : Installation.jars(bundlesDir)) {
            String location = jar.toUri().toString();
            Bundle bundle = cached.remove(location);
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
        for (Bundle stale : cached.values()) {
            if (!isIn(stale.getLocation(), deployDir)) {
                LOG.info("uninstalling " + stale.getSymbolicName() + ", no longer part of the installation");
                stale.uninstall();
            }
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
