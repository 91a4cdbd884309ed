package org.pyrolab.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.pyrolab.control.ExitCode;

/**
 * {@code pyrolab simulate KIND [--port N]}: runs an instrument simulator in the foreground, so
 * that any client (PyVISA with {@code TCPIP::127.0.0.1::N::SOCKET}, say) can talk to it. The
 * simulators are plain Java in simulator bundles shipped next to the drivers; they run here from
 * the installation's jar, without a daemon.
 */
final class Simulators {
    /** kind → simulator jar in {@code drivers/} and the simulator's main class. */
    private static final Map<String, String[]> KINDS = Map.of(
            "b2900", new String[] {"driver.scpi.sim.jar", "org.pyrolab.sim.scpi.B2900Simulator"});

    private Simulators() {
    }

    static int run(Installation installation, List<String> args) throws java.io.IOException {
        if (args.isEmpty() || !KINDS.containsKey(args.get(0))) {
            throw new LauncherException(ExitCode.USAGE, "usage: pyrolab simulate KIND [--port N]; kinds: " + String.join(", ", KINDS.keySet()));
        }
        String[] kind = KINDS.get(args.get(0));
        Path jar = installation.drivers().resolve(kind[0]);
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException("the simulator's jar " + jar + " is missing from the installation");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Simulators.class.getClassLoader())) {
            Method main = loader.loadClass(kind[1]).getMethod("main", String[].class);
            main.invoke(null, (Object) args.subList(1, args.size()).toArray(new String[0]));
            return ExitCode.OK;
        } catch (InvocationTargetException e) {
            throw new LauncherException("the simulator stopped: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LauncherException("the simulator cannot be loaded from " + jar + ": " + e);
        }
    }
}
