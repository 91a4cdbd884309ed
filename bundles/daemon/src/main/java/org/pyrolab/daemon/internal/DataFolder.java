package org.pyrolab.daemon.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.DaemonProperties;
import org.pyrolab.control.LockFile;

/**
 * Where every file of this daemon lives, as the launcher told the framework (the property
 * names are in {@link DaemonProperties}). Every "where does X live" question is answered here
 * and nowhere else, so the layout of the data folder can be read in one place.
 */
public final class DataFolder {
    private final Path root;
    private final Path configDir;
    /** The file given to {@code up --config}, or null. */
    private final Path startConfig;
    private final Path install;
    private final String version;

    DataFolder(Path root, Path configDir, Path startConfig, Path install, String version) {
        this.root = root;
        this.configDir = configDir;
        this.startConfig = startConfig;
        this.install = install;
        this.version = version;
    }

    /**
     * Reads the launcher's properties. A missing data folder is a misconfiguration (the daemon
     * was not started by the launcher): it is an error, never a guess such as the temp folder,
     * which would silently split one user's daemon state over two places.
     */
    static DataFolder from(UnaryOperator<String> property, String bundleVersion) {
        String data = property.apply(DaemonProperties.DATA);
        if (data == null || data.isBlank()) {
            throw new IllegalStateException("the framework property " + DaemonProperties.DATA
                    + " (the data folder) is not set; start the daemon with `pyrolab up`");
        }
        String config = property.apply(DaemonProperties.CONFIG);
        String start = property.apply(DaemonProperties.START_CONFIG);
        String install = property.apply(DaemonProperties.INSTALL);
        String version = property.apply(DaemonProperties.VERSION);
        Path root = Paths.get(data);
        return new DataFolder(root, config == null ? root : Paths.get(config), start == null ? null : Paths.get(start),
                install == null ? null : Paths.get(install), version == null ? bundleVersion : version);
    }

    /** The folders of a home with no daemon running (the daemon-free commands): no start configuration. */
    public static DataFolder at(Path root, Path configDir, Path install, String version) {
        return new DataFolder(root, configDir, null, install, version);
    }

    /** The data folder of this framework; a missing one stops the daemon with that reason. */
    public static DataFolder of(BundleContext context) {
        try {
            return from(context::getProperty, context.getBundle().getVersion().toString());
        } catch (IllegalStateException e) {
            throw Fatal.report(context, e.getMessage());
        }
    }

    /** The data folder itself: lockfile, token, deploy directory, logs, nameserver storage. */
    public Path root() {
        return root;
    }

    /** The file given to {@code up --config}, or null. */
    public Path startConfig() {
        return startConfig;
    }

    public Path install() {
        return install;
    }

    public String version() {
        return version;
    }

    /** The user configuration file that {@code config update} installs and {@code reload} reads. */
    public Path userConfig() {
        return configDir.resolve("config.yaml");
    }

    /** {@code <data>/pyrolabd.lock}: the instance lock and the ready daemon's record. */
    public Path lockfile() {
        return root.resolve(LockFile.NAME);
    }

    /** {@code <data>/instance.lock}: the file whose OS lock keeps a second daemon of this folder out. */
    public Path instanceLock() {
        return root.resolve("instance.lock");
    }

    /** The control channel's owner-only token file. */
    public Path token() {
        return root.resolve(ControlChannel.TOKEN_FILE);
    }

    /** The deploy directory that FileInstall watches. */
    public Path deploy() {
        return root.resolve("deploy");
    }

    /** The daemon log's folder ({@code pyrolabd.log.N}, written by the launcher's handler). */
    public Path logs() {
        return root.resolve("logs");
    }

    /** The daemon log's current file. */
    public Path daemonLog() {
        return logs().resolve("pyrolabd.log.0");
    }

    /** The folder of the services' own logs. */
    public Path serviceLogs() {
        return logs().resolve("services");
    }

    /** One service's current log file. */
    public Path serviceLog(String service) {
        return inside(serviceLogs(), service + ".log.0");
    }

    /**
     * {@code folder/name}, refused when {@code name} would lead elsewhere. Configuration checking
     * already refuses such names ({@code config.Names}); this is the second line.
     */
    static Path inside(Path folder, String name) {
        Path file = name.indexOf('\0') >= 0 ? null : folder.resolve(name).normalize();
        if (file == null || !folder.normalize().equals(file.getParent())) {
            throw new IllegalArgumentException("`" + name + "` is not a plain file name in " + folder);
        }
        return file;
    }

    /** Where the configured name servers keep their registrations. */
    public Path nameservers() {
        return root.resolve("nameservers");
    }
}
