package org.pyrolab.daemon.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.lab.WebPage;
import org.pyrolab.daemon.config.ConfigTarget;
import org.pyrolab.daemon.config.LabConfig.WebSpec;
import org.pyrolab.daemon.internal.DataFolder;
import org.pyrolab.daemon.internal.InstanceLock;

/**
 * Turns the web page on and off as {@code web:} says, by installing and starting the jars of the
 * installation's {@code web/} folder (Felix HTTP Jetty, the servlet API, their libraries and
 * {@code org.pyrolab.web}), and stopping and uninstalling them again. With the page off none of
 * them is installed, so it costs neither start-up time nor memory. Jetty is configured through
 * properties set before its bundle starts ({@link JettySettings}); a changed host, port or
 * certificate restarts it. One thread does all of it, in the order the changes came.
 */
@Component(service = ConfigTarget.Web.class)
public class WebSwitch implements ConfigTarget.Web {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.web");
    static final String JETTY = "org.apache.felix.http.jetty12";

    private final BundleContext context;
    private final Path folder;
    private final Path keystores;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "pyrolab-web-switch"));
    private WebSpec current;
    /** While the page could not start: a WebPage whose link is the reason, so `pyrolab web` says it at once. */
    private ServiceRegistration<WebPage> failure;

    @Activate
    public WebSwitch(BundleContext context, @Reference InstanceLock lock) {
        this.context = context;
        DataFolder data = lock.folder();
        this.folder = data.install() == null ? null : data.install().resolve("web");
        this.keystores = data.root().resolve("web");
    }

    @Override
    public CompletableFuture<String> apply(WebSpec spec) {
        return CompletableFuture.supplyAsync(() -> change(spec), thread);
    }

    private String change(WebSpec spec) {
        if (spec.equals(current)) {
            return "";
        }
        WebSpec before = current;
        current = spec;
        withdrawFailure();
        try {
            if (!spec.on()) {
                boolean was = removeAll();
                return was || before != null && before.on() ? "The web page is off." : "";
            }
            start(spec);
            return "The web page is on (" + (spec.tls() == null ? "http" : "https") + " on " + spec.host()
                    + (spec.port() == 0 ? ", a free port" : ":" + spec.port()) + "); `pyrolab web` prints its link.";
        } catch (IOException | BundleException | RuntimeException e) {
            if (e instanceof IOException) { // said in a sentence: no stack trace needed
                LOG.log(System.Logger.Level.ERROR, "the web page did not start: " + e.getMessage());
            } else {
                LOG.log(System.Logger.Level.ERROR, "the web page did not start", e);
            }
            current = null; // the next reload tries again
            removeQuietly();
            String reason = "The web page did not start: " + e.getMessage() + ".";
            failure = context.registerService(WebPage.class, () -> {
                throw new IllegalStateException(reason);
            }, null);
            return reason;
        }
    }

    private void start(WebSpec spec) throws IOException, BundleException {
        List<Path> jars = jars();
        if (jars.isEmpty()) {
            throw new IOException("this installation has no web page (" + folder + " holds no jars); reinstall PyroLab");
        }
        Map<String, String> settings = JettySettings.of(spec, keystores);
        JettySettings.KEYS.forEach(System::clearProperty);
        settings.forEach(System::setProperty);
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(installOrUpdate(jar));
        }
        Bundle jetty = null;
        for (Bundle b : bundles) {
            if (JETTY.equals(b.getSymbolicName())) {
                jetty = b;
            }
        }
        if (jetty != null && jetty.getState() == Bundle.ACTIVE) {
            jetty.stop(Bundle.STOP_TRANSIENT); // it reads its settings when it starts
        }
        if (spec.port() != 0) {
            Ports.checkFree(spec.host(), spec.port()); // Jetty would only log it where nobody looks
        }
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
                b.start(Bundle.START_TRANSIENT); // transient: the next daemon starts them only if its configuration says so
            }
        }
        Ports.awaitRuntime(context, spec);
        LOG.log(System.Logger.Level.INFO, "web page on: " + spec.host() + ":" + spec.port() + (spec.tls() == null ? " (http)" : " (https, " + spec.tlsFrom() + ")"));
    }

    private Bundle installOrUpdate(Path jar) throws IOException, BundleException {
        String location = jar.toUri().toString();
        Bundle bundle = context.getBundle(location);
        if (bundle == null) {
            try (InputStream in = Files.newInputStream(jar)) {
                return context.installBundle(location, in);
            }
        }
        if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()) {
            try (InputStream in = Files.newInputStream(jar)) {
                bundle.update(in);
            }
        }
        return bundle;
    }

    /** Stops and uninstalls every bundle from the web folder, the page's own first; true if there was one. */
    private boolean removeAll() throws BundleException {
        List<Bundle> ours = ours();
        if (ours.isEmpty()) {
            return false;
        }
        for (int i = ours.size() - 1; i >= 0; i--) {
            ours.get(i).stop(Bundle.STOP_TRANSIENT);
        }
        for (Bundle b : ours) {
            b.uninstall();
        }
        // let go of their class loaders now, not at the next refresh of someone else
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(ours);
        JettySettings.KEYS.forEach(System::clearProperty);
        LOG.log(System.Logger.Level.INFO, "web page off: " + ours.size() + " bundles uninstalled");
        return true;
    }

    private void withdrawFailure() {
        if (failure != null) {
            failure.unregister();
            failure = null;
        }
    }

    private void removeQuietly() {
        try {
            removeAll();
        } catch (BundleException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the web page's bundles did not all stop", e);
        }
    }

    /** The installed bundles whose jar is in the web folder, in the folder's order. */
    private List<Bundle> ours() {
        List<Bundle> ours = new ArrayList<>();
        if (folder == null) {
            return ours;
        }
        for (Bundle b : context.getBundles()) {
            try {
                if (b.getLocation().startsWith("file:") && Path.of(URI.create(b.getLocation())).startsWith(folder)) {
                    ours.add(b);
                }
            } catch (RuntimeException notAPath) {
                // another kind of location: not ours
            }
        }
        ours.sort((a, b) -> a.getLocation().compareTo(b.getLocation()));
        return ours;
    }

    private List<Path> jars() throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** At shutdown the page's bundles stop (transiently: the cache keeps them for a next start with the page on). */
    @Deactivate
    void deactivate() {
        thread.execute(() -> {
            withdrawFailure();
            List<Bundle> ours = ours();
            for (int i = ours.size() - 1; i >= 0; i--) {
                try {
                    ours.get(i).stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "stopping " + ours.get(i).getSymbolicName(), e);
                }
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
