package org.pyrolab.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.control.DaemonProperties;

/**
 * Whether a process is a PyroLab daemon of one installation and one home, told from what the OS
 * says about it: its arguments, and where known its environment and working folder. Exact, never
 * a prefix or a substring: the main class is the JVM's main class (not a word somewhere in a
 * shell's command line), and the installation and data folder are compared as paths.
 *
 * <p>Two shapes: the background daemon {@code java ... -Dpyrolab.data=DATA -Dpyrolab.install=ROOT
 * ... org.pyrolab.launcher.DaemonMain}, and {@code pyrolab up --foreground} (as a service manager
 * runs it): {@code java ... -cp ROOT/lib/* org.pyrolab.launcher.Main [--home DIR] up ... --foreground},
 * whose home is {@code --home}, else {@code PYROLAB_HOME} from its environment, else the usual
 * folders for its environment; without an environment to read (not Linux) only {@code --home}
 * can prove it.
 */
final class DaemonIdentity {
    static final String CLI_MAIN = Main.class.getName();

    /**
     * What the OS tells about a process.
     *
     * @param argv its arguments, the program first
     * @param env its environment, or null when it cannot be read
     * @param cwd its working folder, or null when unknown
     */
    record Facts(List<String> argv, Map<String, String> env, Path cwd) {
    }

    private DaemonIdentity() {
    }

    static boolean isDaemonOf(Facts process, Path install, Path data, String osName, Path userHome) {
        List<String> argv = process.argv();
        if (argv.isEmpty() || !Paths.get(argv.get(0)).getFileName().toString().toLowerCase().matches("javaw?(\\.exe)?")) {
            return false;
        }
        Map<String, String> properties = new HashMap<>();
        String classPath = null;
        int main = -1;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                if (++i < argv.size()) {
                    classPath = argv.get(i);
                }
            } else if (arg.startsWith("-D")) {
                int eq = arg.indexOf('=');
                properties.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
            } else if (!arg.startsWith("-")) {
                main = i;
                break;
            }
        }
        if (main < 0) {
            return false;
        }
        String mainClass = argv.get(main);
        List<String> args = argv.subList(main + 1, argv.size());
        if (mainClass.equals(DaemonSettings.DAEMON_MAIN)) {
            String dataProperty = properties.get(DaemonProperties.DATA);
            String installProperty = properties.get(DaemonProperties.INSTALL);
            return dataProperty != null && installProperty != null && same(absolute(process, dataProperty), data)
                    && same(absolute(process, installProperty), install);
        }
        if (mainClass.equals(CLI_MAIN)) {
            Path itsInstall = properties.containsKey(DaemonProperties.INSTALL) ? absolute(process, properties.get(DaemonProperties.INSTALL))
                    : installationOf(process, classPath);
            if (itsInstall == null || !same(itsInstall, install)) {
                return false;
            }
            Path itsData = foregroundData(process, args, osName, userHome);
            return itsData != null && same(itsData, data);
        }
        return false;
    }

    /** The data folder of {@code pyrolab [options] up ... --foreground}, or null when it is not that or cannot be told. */
    private static Path foregroundData(Facts process, List<String> args, String osName, Path userHome) {
        String home = null;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            if (args.get(i).equals("--home") && i + 1 < args.size()) {
                home = args.get(i + 1);
                i += 2;
            } else {
                i++;
            }
        }
        if (i >= args.size() || !args.get(i).equals("up") || !args.subList(i + 1, args.size()).contains("--foreground")) {
            return null;
        }
        if (home != null && !home.isBlank()) {
            return absolute(process, home);
        }
        Map<String, String> env = process.env();
        if (env == null) {
            return null; // its PYROLAB_HOME, if any, cannot be read: nothing proves which home it serves
        }
        String envHome = env.get("PYROLAB_HOME");
        if (envHome != null && !envHome.isBlank()) {
            return absolute(process, envHome);
        }
        return Folders.resolve(null, env, osName, userHome).data;
    }

    /** {@code ROOT} of a class path whose entries all lie in {@code ROOT/lib} ({@code ROOT/lib/*} or its jars). */
    private static Path installationOf(Facts process, String classPath) {
        if (classPath == null || classPath.isEmpty()) {
            return null;
        }
        Path lib = null;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path path = absolute(process, entry);
            if (path == null || path.getParent() == null) {
                return null;
            }
            Path parent = path.getParent();
            if (lib != null && !lib.equals(parent)) {
                return null;
            }
            lib = parent;
        }
        return lib != null && lib.getFileName() != null && lib.getFileName().toString().equals("lib") ? lib.getParent() : null;
    }

    /** {@code value} as an absolute path, relative ones against the process's folder; null when that is unknown. */
    private static Path absolute(Facts process, String value) {
        try {
            Path path = Paths.get(value);
            if (path.isAbsolute()) {
                return path.normalize();
            }
            return process.cwd() == null ? null : process.cwd().resolve(path).normalize();
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    /** The same folder: equal once normalized, or the same real folder (symbolic links, /tmp on macOS). */
    static boolean same(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (java.io.IOException | RuntimeException missing) {
            return false;
        }
    }
}
