package org.pyrolab.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.pyrolab.control.OwnerOnlyFiles;

/**
 * Where a user's PyroLab files live: the configuration folder (the user config file) and the
 * data folder (lockfile, token, deploy directory, logs, bundle cache, nameserver storage).
 * {@code PYROLAB_HOME} or {@code --home} puts both in one folder.
 */
final class Folders {
    static final String CONFIG_FILE = "config.yaml";

    final Path config;
    final Path data;

    Folders(Path config, Path data) {
        this.config = config.toAbsolutePath().normalize();
        this.data = data.toAbsolutePath().normalize();
    }

    /** The folders for this user: {@code home} (from --home) wins, then PYROLAB_HOME, then the OS's usual places. */
    static Folders resolve(String home, Map<String, String> env, String osName, Path userHome) {
        if (home == null || home.isBlank()) {
            home = env.get("PYROLAB_HOME");
        }
        if (home != null && !home.isBlank()) {
            Path dir = Paths.get(home);
            return new Folders(dir, dir);
        }
        String os = osName.toLowerCase();
        if (os.startsWith("windows")) {
            String local = env.getOrDefault("LOCALAPPDATA", userHome.resolve("AppData").resolve("Local").toString());
            Path dir = Paths.get(local, "PyroLab");
            return new Folders(dir, dir);
        }
        if (os.startsWith("mac")) {
            Path dir = userHome.resolve("Library").resolve("Application Support").resolve("PyroLab");
            return new Folders(dir, dir);
        }
        Path config = xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config"));
        Path data = xdg(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share"));
        return new Folders(config.resolve("pyrolab"), data.resolve("pyrolab"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // the XDG spec says relative values are invalid and must be ignored
        return value != null && Paths.get(value).isAbsolute() ? Paths.get(value) : fallback;
    }

    Path configFile() {
        return config.resolve(CONFIG_FILE);
    }

    Path logs() {
        return data.resolve("logs");
    }

    Path deploy() {
        return data.resolve("deploy");
    }

    /**
     * Creates both folders if needed, owner-only; fails with a sentence saying what to do when one
     * cannot be written, or is not the user's alone (another owner, writable by group or others).
     */
    void ensureWritable() {
        for (Path dir : new Path[] {config, data}) {
            try {
                OwnerOnlyFiles.createDirectories(dir);
            } catch (IOException e) {
                throw new LauncherException("cannot create the PyroLab folder " + dir + " (" + e.getMessage()
                        + "); set PYROLAB_HOME or --home to a folder you can write");
            }
            if (!Files.isWritable(dir)) {
                throw new LauncherException("the PyroLab folder " + dir
                        + " is not writable; fix its permissions or set PYROLAB_HOME or --home to a folder you can write");
            }
        }
        OwnerOnly.check("the PyroLab data folder", data);
        if (!config.equals(data)) {
            OwnerOnly.check("the PyroLab configuration folder", config);
        }
        OwnerOnly.check("the deploy directory", deploy());
    }
}
