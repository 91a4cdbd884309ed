package org.pyrolab.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Hashtable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectBundleInstaller;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.install.BundleInstaller;
import org.pyrolab.api.Driver;
import org.pyrolab.itest.support.Await;
import org.pyrolab.itest.support.Drivers;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * A driver jar installed, updated and uninstalled while the framework runs, as the deploy
 * directory and {@code pyrolab install/uninstall} will do. The sample driver from -runbundles is
 * stopped meanwhile, so the copy installed here is the only provider of {@code sample.echo}
 * (test.bndrun allows the same name and version twice); each step looks only at the factory of
 * the bundle it installed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DriverBundleLifecycleTest {

    @InjectBundleContext
    BundleContext context;

    @InjectBundleInstaller
    BundleInstaller installer;

    @InjectService(timeout = Await.TIMEOUT_MS)
    ServiceComponentRuntime scr;

    Drivers drivers;
    Bundle builtIn;

    @BeforeEach
    void setUp() throws Exception {
        drivers = new Drivers(context, installer);
        builtIn = Drivers.bundle(context, Drivers.SAMPLE_BSN);
        builtIn.stop();
        drivers.awaitNoFactory(builtIn);
    }

    @AfterEach
    void restoreBuiltInDriver() throws Exception {
        drivers.uninstallInstalled(); // first, or the registry sees two providers of sample.echo for a moment
        builtIn.start();
        drivers.awaitFactory(builtIn);
    }

    @Test
    void installedDriverJarRegistersItsFactory() {
        Bundle bundle = drivers.install(Drivers.SAMPLE_JAR);

        ServiceReference<ComponentFactory<Driver>> factory = drivers.awaitFactory(bundle);

        assertThat(factory.getBundle()).isEqualTo(bundle);
        assertThat(Drivers.descriptions(scr, bundle)).singleElement()
                .satisfies(d -> assertThat(d.properties).containsEntry(Driver.ID, Drivers.SAMPLE_ID));
    }

    @Test
    void updateReRegistersTheFactoryAndDisposesItsInstances() throws Exception {
        Bundle bundle = drivers.install(Drivers.SAMPLE_JAR);
        ServiceReference<ComponentFactory<Driver>> before = drivers.awaitFactory(bundle);
        ComponentInstance<Driver> instance = context.getService(before).newInstance(new Hashtable<>());
        assertThat(instance.getInstance()).isNotNull();

        try (InputStream jar = Files.newInputStream(drivers.jar(Drivers.SAMPLE_JAR))) {
            bundle.update(jar);
        }

        ServiceReference<ComponentFactory<Driver>> after = drivers.awaitNewFactory(bundle, before);
        assertThat(after.getBundle()).isEqualTo(bundle);
        assertThat(before.getBundle()).as("the old registration is gone").isNull();
        // the registry must make its instances again after an update: SCR has disposed the old ones
        assertThat(instance.getInstance()).isNull();
        ComponentInstance<Driver> fresh = context.getService(after).newInstance(new Hashtable<>());
        try {
            assertThat(fresh.getInstance()).isInstanceOf(Driver.class);
        } finally {
            fresh.dispose();
            context.ungetService(after);
        }
    }

    @Test
    void uninstallRemovesTheFactory() throws Exception {
        Bundle bundle = drivers.install(Drivers.SAMPLE_JAR);
        drivers.awaitFactory(bundle);

        bundle.uninstall();

        drivers.awaitNoFactory(bundle);
        assertThat(bundle.getState()).isEqualTo(Bundle.UNINSTALLED);
        assertThat(context.getServiceReferences(ComponentFactory.class, "(component.factory=" + Driver.FACTORY + ")"))
                .as("no driver factory is left")
                .isEmpty();
    }
}
