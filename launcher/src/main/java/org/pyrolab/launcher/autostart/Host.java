package org.pyrolab.launcher.autostart;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * What an autostart entry is made from: this installation, the user's PyroLab folder when it is
 * pinned, the operating system and environment, and the way to run commands and reach the crontab.
 * Everything is injected, so tests never see the machine's real home, crontab or service managers.
 */
public final class Host {
    /** Makes the crontab a plain file (tests); the real one is read and written with {@code crontab}. */
    static final String CRONTAB_FILE_ENV = "PYROLAB_CRONTAB_FILE";
    /** Puts the systemd user unit in this folder and never calls systemctl (tests). */
    static final String SYSTEMD_DIR_ENV = "PYROLAB_SYSTEMD_USER_DIR";

    final Path installation;
    final Path home;
    final String os;
    final Map<String, String> env;
    final Path userHome;
    final Commands commands;

    /** {@code home} is the folder to pass as PYROLAB_HOME, or null for the OS's usual folders. */
    public Host(Path installation, Path home, String osName, Map<String, String> env, Path userHome, Commands commands) {
        this.installation = installation.toAbsolutePath().normalize();
        this.home = home == null ? null : home.toAbsolutePath().normalize();
        this.os = osName.toLowerCase();
        this.env = env;
        this.userHome = userHome;
        this.commands = commands;
    }

    /** This process's host. */
    public static Host current(Path installation, Path home) {
        return new Host(installation, home, System.getProperty("os.name"), System.getenv(),
                Paths.get(System.getProperty("user.home")), new Commands.Processes());
    }

    boolean windows() {
        return os.startsWith("windows");
    }

    boolean mac() {
        return os.startsWith("mac");
    }

    /** The script a boot-time start runs. */
    Path script() {
        return installation.resolve("bin").resolve(windows() ? "pyrolab.bat" : "pyrolab");
    }

    String javaHome() {
        String value = env.get("JAVA_HOME");
        return value == null || value.isBlank() ? null : value;
    }

    String user() {
        return env.getOrDefault(windows() ? "USERNAME" : "USER", System.getProperty("user.name"));
    }

    /** True if {@code text} names this installation's script. */
    boolean pointsHere(String text) {
        return text.contains(script().toString());
    }
}
