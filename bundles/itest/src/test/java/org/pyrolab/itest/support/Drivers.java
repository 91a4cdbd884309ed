package org.pyrolab.itest.support;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.install.BundleInstaller;
import org.pyrolab.api.Driver;

/**
 * Driver bundles in the test framework: installing a built driver jar the way the deploy
 * directory would, and finding the DS component factory each driver bundle registers.
 * Bundles installed through it are uninstalled by osgi-test at the end of the test.
 */
public final class Drivers {
    /** Framework property (test.bndrun): the folder the build copies driver jars into. */
    public static final String JAR_FOLDER = "pyrolab.itest.drivers";
    public static final String SAMPLE_JAR = "driver.sample.jar";
    public static final String SAMPLE_BSN = "org.pyrolab.driver.sample";
    public static final String SAMPLE_COMPONENT = "org.pyrolab.driver.sample.EchoDriver";
    public static final String SAMPLE_ID = "sample.echo";
    /** Drivers that fail on purpose (bundles/itest-drivers): in no -runbundles, installed by the tests that use them. */
    public static final String TEST_JAR = "itest.drivers.jar";
    public static final String TEST_BSN = "org.pyrolab.itest.drivers";
    /** The driver ids {@link #TEST_JAR} offers. */
    public static final java.util.Set<String> TEST_IDS = java.util.Set.of("test.ok", "test.throws", "test.hangs", "test.hangsonclose",
            "test.dieslater");

    private final BundleContext context;
    private final BundleInstaller installer;
    private final List<Bundle> installed = new ArrayList<>();

    /** For finding factories only; {@link #install} needs a {@link BundleInstaller}. */
    public Drivers(BundleContext context) {
        this(context, null);
    }

    public Drivers(BundleContext context, BundleInstaller installer) {
        this.context = context;
        this.installer = installer;
    }

    /** A driver jar the build put in {@value #JAR_FOLDER}. */
    public Path jar(String name) {
        String folder = context.getProperty(JAR_FOLDER);
        if (folder == null) {
            throw new IllegalStateException("framework property " + JAR_FOLDER + " is not set (test.bndrun)");
        }
        Path jar = Paths.get(folder, name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no driver jar " + jar + " (maven-dependency-plugin copies it there)");
        }
        return jar;
    }

    /**
     * A copy of a driver jar that is another bundle: the same drivers under the symbolic name
     * {@code symbolicName}. FileInstall would take a plain copy (same name and version) for an
     * update of the installed bundle, not for a second one.
     */
    public Path renamedCopy(String jarName, String symbolicName, Path target) throws java.io.IOException {
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar(jarName).toFile())) {
            java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
            try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (java.util.jar.JarEntry entry : java.util.Collections.list(in.entries())) {
                    if (entry.getName().equals(java.util.jar.JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
                        continue; // written first by JarOutputStream, where the framework looks for it
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** Installs and starts a driver jar from {@link #jar}; osgi-test uninstalls it after the test. */
    public Bundle install(String jarName) {
        return install(jar(jarName));
    }

    /** Installs and starts a jar anywhere, at its own location (a copy of a jar is a second bundle). */
    public Bundle install(Path jar) {
        if (installer == null) {
            throw new IllegalStateException("made without a BundleInstaller");
        }
        try {
            Bundle bundle = installer.installBundle(jar.toUri().toURL(), true);
            installed.add(bundle);
            return bundle;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Uninstalls what {@link #install} installed, now: for an {@code @AfterEach} that must see them
     * gone before it restores something (osgi-test's own clean-up runs after {@code @AfterEach}).
     */
    public void uninstallInstalled() throws BundleException {
        for (Bundle bundle : installed) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        }
        installed.clear();
    }

    /** The driver component factory of {@code bundle}, once SCR has registered it. */
    public ServiceReference<ComponentFactory<Driver>> awaitFactory(Bundle bundle) {
        return cast(Await.service(context, factoryFilter(bundle)));
    }

    /** A driver component factory of {@code bundle} other than {@code old}: the one SCR registers after an update. */
    public ServiceReference<ComponentFactory<Driver>> awaitNewFactory(Bundle bundle, ServiceReference<?> old) {
        String filter = "(&" + factoryFilter(bundle) + "(!(" + Constants.SERVICE_ID + "=" + old.getProperty(Constants.SERVICE_ID) + ")))";
        return cast(Await.service(context, filter));
    }

    /** Returns once {@code bundle} has no driver component factory registered. */
    public void awaitNoFactory(Bundle bundle) {
        Await.noService(context, factoryFilter(bundle));
    }

    /** Driver component factories registered on behalf of {@code bundle}. */
    public static String factoryFilter(Bundle bundle) {
        return "(&(" + Constants.OBJECTCLASS + "=" + ComponentFactory.class.getName() + ")("
                + ComponentConstants.COMPONENT_FACTORY + "=" + Driver.FACTORY + ")(" + Constants.SERVICE_BUNDLEID + "="
                + bundle.getBundleId() + "))";
    }

    /**
     * The driver components {@code bundle} declares, as SCR describes them. Their properties hold
     * {@value Driver#ID} and the rest: the ComponentFactory service does not carry them.
     */
    public static List<ComponentDescriptionDTO> descriptions(ServiceComponentRuntime scr, Bundle bundle) {
        return scr.getComponentDescriptionDTOs(bundle).stream()
                .filter(d -> Driver.FACTORY.equals(d.factory))
                .collect(Collectors.toList());
    }

    /** The one installed bundle with this symbolic name, failing when there are none or several. */
    public static Bundle bundle(BundleContext context, String symbolicName) {
        List<Bundle> found = List.of(context.getBundles()).stream()
                .filter(b -> symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED)
                .collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one bundle " + symbolicName + ", found " + found);
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<ComponentFactory<Driver>> cast(ServiceReference<?> reference) {
        return (ServiceReference<ComponentFactory<Driver>>) reference;
    }
}
