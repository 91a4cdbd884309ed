package org.pyrolab.launcher;

import org.pyrolab.control.DaemonProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.pyrolab.control.LockFile;

/**
 * The daemon JVM: embeds Felix, installs the core bundles from the installation, starts them,
 * and runs until the framework stops ({@code pyrolab down}, SIGTERM, Ctrl-C under --foreground).
 */
public final class DaemonMain {
    private static final Logger LOG = Logger.getLogger("org.pyrolab.launcher");
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Installation installation;
    private final Path data;
    private final AtomicReference<String> fatal = new AtomicReference<>();

    DaemonMain(Installation installation, Path data) {
        this.installation = installation;
        this.data = data;
    }

    public static void main(String[] args) {
        int code = run();
        DaemonLog.close();
        System.exit(code);
    }

    /** {@code up --foreground}: the daemon in the CLI's own JVM, for service managers and debugging. */
    static int runInForeground(Folders folders, Path config, boolean verbose) {
        System.setProperty(DaemonProperties.DATA, folders.data.toString());
        System.setProperty(DaemonProperties.CONFIG, folders.config.toString());
        System.setProperty(DaemonSettings.FOREGROUND, "true");
        System.setProperty(DaemonProperties.VERBOSE, Boolean.toString(verbose));
        if (config != null) {
            System.setProperty(DaemonProperties.START_CONFIG, config.toString());
        }
        return run();
    }

    /** Runs the daemon in this JVM; the settings come from system properties set by the launcher. */
    static int run() {
        Path data = Paths.get(required(DaemonProperties.DATA));
        boolean verbose = Boolean.getBoolean(DaemonProperties.VERBOSE);
        try {
            DaemonLog.configure(data.resolve("logs"), verbose, Boolean.getBoolean(DaemonSettings.FOREGROUND));
        } catch (IOException e) {
            return fail("cannot write the daemon log in " + data.resolve("logs") + ": " + e.getMessage());
        }
        RootWarning.message(System.getenv()).ifPresent(LOG::warning);
        return new DaemonMain(Installation.locate(), data).runFramework();
    }

    private int runFramework() {
        Framework framework;
        try {
            framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(frameworkProperties());
            framework.init();
        } catch (BundleException | IOException | RuntimeException e) {
            return fail(whyNotStarted(e));
        }
        Thread hook = new Thread(() -> {
            stop(framework);
            LOG.info("daemon stopped on a signal (SIGTERM or Ctrl-C)");
            DaemonLog.close(); // the JVM halts when the hooks end; the main thread may not get further
        }, "pyrolab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BundleContext context = framework.getBundleContext();
            registerFatalHook(context, framework);
            HiddenCommands.register(context);
            DeployDirectory.prepare(data.resolve("deploy"), installation.drivers());
            List<Bundle> core = new CoreBundles(context, installation.bundles(), data.resolve("deploy"), installation.web())
                    .installOrUpdate();
            framework.start();
            for (Bundle b : core) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            LOG.info("framework started with " + core.size() + " core bundles");
            for (Bundle b : core) {
                if (fatal.get() == null && b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    LOG.warning("core bundle " + b.getSymbolicName() + " is not active (state " + b.getState() + ")");
                }
            }
            FrameworkEvent event;
            do {
                event = framework.waitForStop(0);
            } while (event.getType() == FrameworkEvent.STOPPED_UPDATE);
        } catch (BundleException | IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "daemon failed to start", e);
            fatal.compareAndSet(null, "the daemon failed to start: " + e.getMessage());
            stop(framework);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the framework and logs the end itself
            try {
                hook.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        String reason = fatal.get();
        if (reason != null) {
            return fail(reason);
        }
        LOG.info("daemon stopped");
        return 0;
    }

    /** A bundle that finds the daemon cannot run (lock held, invalid config) says so through this. */
    private void registerFatalHook(BundleContext context, Framework framework) {
        Consumer<String> hook = reason -> {
            if (fatal.compareAndSet(null, reason)) {
                LOG.severe(reason);
                new Thread(() -> stop(framework), "pyrolab-fatal-stop").start();
            }
        };
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DaemonProperties.FATAL_HOOK, Boolean.TRUE);
        context.registerService(Consumer.class, hook, props);
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException e) {
            LOG.log(Level.WARNING, "framework did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, String> frameworkProperties() throws IOException {
        Properties defaults = new Properties();
        Path file = installation.frameworkProperties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                defaults.load(in);
            }
        }
        Map<String, String> props = new HashMap<>();
        for (String key : defaults.stringPropertyNames()) {
            props.put(key, defaults.getProperty(key));
        }
        // settings of this run override the installation's defaults
        props.put(Constants.FRAMEWORK_STORAGE, data.resolve("cache").resolve("felix").toString());
        props.put("felix.fileinstall.dir", data.resolve("deploy").toString());
        props.put("felix.fileinstall.tmpdir", data.resolve("cache").resolve("fileinstall").toString());
        props.put(DaemonProperties.DATA, data.toString());
        props.put(DaemonProperties.INSTALL, installation.root.toString());
        props.put(DaemonProperties.VERSION, Installation.version());
        for (String key : List.of(DaemonProperties.CONFIG, DaemonProperties.START_CONFIG, DaemonProperties.VERBOSE)) {
            String value = System.getProperty(key);
            if (value != null) {
                props.put(key, value);
            }
        }
        // Felix's cache lock also keeps a second daemon of this user out before any bundle runs
        props.putIfAbsent("felix.cache.locking", "true");
        return props;
    }

    private String whyNotStarted(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("lock")) {
            return LockFile.read(data).map(l -> "PyroLab daemon is already running (pid " + l.pid + ")")
                    .orElse("PyroLab daemon is already running (its bundle cache in " + data.resolve("cache") + " is locked)");
        }
        LOG.log(Level.SEVERE, "framework failed to start", e);
        return "the OSGi framework failed to start: " + message;
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("DaemonMain needs -D" + key + "; start the daemon with `pyrolab up`");
        }
        return value;
    }

    private static int fail(String reason) {
        System.err.println(DaemonSettings.FATAL_PREFIX + reason);
        System.err.flush();
        return 1;
    }
}
