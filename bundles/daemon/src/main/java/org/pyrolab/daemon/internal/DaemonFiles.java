package org.pyrolab.daemon.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleContext;
import org.pyrolab.control.DaemonProperties;

/**
 * Where this daemon's files are, as the launcher told the framework (the property names are in
 * {@link DaemonProperties}), and the files under the data folder, in one place.
 */
public final class DaemonFiles {
    public final Path data;
    public final Path configDir;
    /** The file given to {@code up --config}, or null. */
    public final Path startConfig;
    public final Path install;
    public final String version;

    DaemonFiles(Path data, Path configDir, Path startConfig, Path install, String version) {
        this.data = data;
        this.configDir = configDir;
        this.startConfig = startConfig;
        this.install = install;
        this.version = version;
    }

    public static DaemonFiles from(BundleContext context) {
        String data = context.getProperty(DaemonProperties.DATA);
        if (data == null) {
            data = Paths.get(System.getProperty("java.io.tmpdir"), "pyrolab-" + System.getProperty("user.name")).toString();
        }
        String config = context.getProperty(DaemonProperties.CONFIG);
        String start = context.getProperty(DaemonProperties.START_CONFIG);
        String install = context.getProperty(DaemonProperties.INSTALL);
        String version = context.getProperty(DaemonProperties.VERSION);
        return new DaemonFiles(Paths.get(data), config == null ? Paths.get(data) : Paths.get(config),
                start == null ? null : Paths.get(start), install == null ? null : Paths.get(install),
                version == null ? context.getBundle().getVersion().toString() : version);
    }

    /** The user configuration file that {@code config update} installs and {@code reload} reads. */
    public Path userConfig() {
        return configDir.resolve("config.yaml");
    }

    Path deploy() {
        return data.resolve("deploy");
    }

    Path logs() {
        return data.resolve("logs");
    }
}
