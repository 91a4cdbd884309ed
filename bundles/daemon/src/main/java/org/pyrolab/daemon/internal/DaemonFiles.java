package org.pyrolab.daemon.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleContext;

/**
 * Where this daemon's files are, as the launcher told the framework: the names of those
 * framework properties and the files under the data folder, in one place.
 */
final class DaemonFiles {
    static final String DATA = "pyrolab.data";
    static final String CONFIG = "pyrolab.config";
    static final String START_CONFIG = "pyrolab.startconfig";
    static final String VERSION = "pyrolab.version";
    static final String INSTALL = "pyrolab.install";
    static final String VERBOSE = "pyrolab.verbose";

    final Path data;
    final Path configDir;
    /** The file given to {@code up --config}, or null. */
    final Path startConfig;
    final Path install;
    final String version;

    DaemonFiles(Path data, Path configDir, Path startConfig, Path install, String version) {
        this.data = data;
        this.configDir = configDir;
        this.startConfig = startConfig;
        this.install = install;
        this.version = version;
    }

    static DaemonFiles from(BundleContext context) {
        String data = context.getProperty(DATA);
        if (data == null) {
            data = Paths.get(System.getProperty("java.io.tmpdir"), "pyrolab-" + System.getProperty("user.name")).toString();
        }
        String config = context.getProperty(CONFIG);
        String start = context.getProperty(START_CONFIG);
        String install = context.getProperty(INSTALL);
        String version = context.getProperty(VERSION);
        return new DaemonFiles(Paths.get(data), config == null ? Paths.get(data) : Paths.get(config),
                start == null ? null : Paths.get(start), install == null ? null : Paths.get(install),
                version == null ? context.getBundle().getVersion().toString() : version);
    }

    /** The user configuration file that {@code config update} installs and {@code reload} reads. */
    Path userConfig() {
        return configDir.resolve("config.yaml");
    }

    Path deploy() {
        return data.resolve("deploy");
    }

    Path logs() {
        return data.resolve("logs");
    }
}
