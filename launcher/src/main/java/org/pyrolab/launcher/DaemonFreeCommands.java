package org.pyrolab.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code config validate|update|show|reset}, {@code logs} and {@code drivers} when no daemon
 * runs. They run on the daemon's own code — reading, checking and the words printed — loaded from
 * the installation's {@code bundles/} into a class loader made only for them, so that every other
 * command's JVM loads no Jackson, YAML or daemon class. The entry point,
 * {@code org.pyrolab.daemon.offline.OfflineMain}, takes and returns JDK types only.
 */
final class DaemonFreeCommands {
    private static final Set<String> COMMANDS = Set.of("config", "logs", "drivers");
    /** The jars the daemon's configuration, logs, deploy and registry code needs, by file name prefix. */
    private static final List<String> JARS = List.of("api-", "control-", "daemon-", "invoke-", "pyro5-", "jackson-", "snakeyaml-");
    private static final String ENTRY = "org.pyrolab.daemon.offline.OfflineMain";

    private DaemonFreeCommands() {
    }

    /** Whether the command can run without a daemon: {@code config export} shows what a daemon runs, so it needs one. */
    static boolean handles(List<String> args) {
        if (!COMMANDS.contains(args.get(0))) {
            return false;
        }
        return !args.get(0).equals("config") || args.stream().skip(1).filter(a -> !a.startsWith("--")).findFirst()
                .map(sub -> !sub.equals("export")).orElse(true);
    }

    static int run(Installation installation, Folders folders, List<String> args, PrintStream out, PrintStream err, boolean verbose)
            throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : Installation.jars(installation.bundles())) {
            String name = jar.getFileName().toString();
            if (JARS.stream().anyMatch(name::startsWith)) {
                urls.add(jar.toUri().toURL());
            }
        }
        // the platform loader as parent: the daemon's classes see the JDK and these jars, nothing of the launcher
        try (URLClassLoader daemon = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Method run = daemon.loadClass(ENTRY).getMethod("run", Path.class, Path.class, Path.class, String.class, List.class,
                    PrintStream.class, PrintStream.class, boolean.class);
            return (Integer) run.invoke(null, folders.data, folders.config, installation.root, Installation.version(), args, out, err, verbose);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("this installation's bundles/ lacks the daemon's code for `" + args.get(0) + "` without a daemon ("
                    + e + "); reinstall PyroLab", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(String.valueOf(cause), cause);
        }
    }
}
