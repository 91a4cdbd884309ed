package org.pyrolab.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;

import org.pyrolab.control.OwnerOnlyFiles;

/**
 * The watched folder the daemon installs driver bundles from. The drivers that come with the
 * installation are copied there when it is first created, so they are ordinary removable
 * bundles: {@code pyrolab uninstall} one and it stays gone.
 */
final class DeployDirectory {
    private static final Logger LOG = Logger.getLogger("org.pyrolab.launcher");

    private DeployDirectory() {
    }

    static void prepare(Path deploy, Path shippedDrivers) throws IOException {
        if (Files.isDirectory(deploy)) {
            return;
        }
        OwnerOnlyFiles.createDirectories(deploy);
        for (Path jar : Installation.jars(shippedDrivers)) {
            Files.copy(jar, deploy.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            LOG.info("deploy directory created with the installation's driver " + jar.getFileName());
        }
    }
}
