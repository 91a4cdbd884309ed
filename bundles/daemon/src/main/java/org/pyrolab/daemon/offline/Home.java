package org.pyrolab.daemon.offline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.pyrolab.daemon.config.ConfigFile;
import org.pyrolab.daemon.config.ConfigReader;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.deploy.DeployListing;
import org.pyrolab.daemon.internal.DataFolder;
import org.pyrolab.daemon.registry.DriverJars;

/** One user's PyroLab files as a daemon of this home would find them at its next {@code up}. */
final class Home {
    final DataFolder folder;
    private DriverJars drivers;

    Home(DataFolder folder) {
        this.folder = folder;
    }

    /**
     * The folder the drivers come from: the deploy directory; before the first {@code up} has
     * created it, the installation's {@code drivers/}, which that {@code up} copies there.
     */
    Path driverFolder() {
        return Files.isDirectory(folder.deploy()) || folder.install() == null ? folder.deploy() : folder.install().resolve("drivers");
    }

    /** The drivers the bundle jars of {@link #driverFolder()} offer, read once. */
    DriverJars drivers() throws java.io.IOException {
        if (drivers == null) {
            List<Path> bundles = DeployListing.files(driverFolder()).stream()
                    .filter(p -> p.getFileName().toString().endsWith(".jar") && DeployListing.isBundle(p)).collect(Collectors.toList());
            drivers = DriverJars.read(bundles, Home.class.getClassLoader());
        }
        return drivers;
    }

    /** Checks configurations against those drivers, as the daemon checks them against its installed ones. */
    ConfigReader reader() throws java.io.IOException {
        DriverJars known = drivers();
        return new ConfigReader(known::parametersOf);
    }

    /**
     * The services the user configuration names, which the daemon would run: a service's log
     * without a service is what {@code logs clean} removes. Drivers are not looked at (only the
     * names matter); an invalid file names none, as no daemon could run from it.
     */
    Set<String> configuredServices() {
        Path file = folder.userConfig();
        if (!Files.exists(file)) {
            return Set.of();
        }
        ConfigReader.Result result = ConfigFile.read(new ConfigReader(id -> Optional.empty()), file);
        return Optional.ofNullable(result.config()).map(LabConfig::services).map(Map::keySet).map(Set::copyOf).orElse(Set.of());
    }
}
