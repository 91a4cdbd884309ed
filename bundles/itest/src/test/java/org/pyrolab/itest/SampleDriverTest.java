package org.pyrolab.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.pyrolab.api.Driver;
import org.pyrolab.itest.support.Await;
import org.pyrolab.itest.support.Drivers;
import org.pyrolab.itest.support.Exposed;
import org.pyrolab.itest.support.TestDriverContext;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The sample driver bundle from -runbundles, as SCR sees it and as the daemon will use it. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SampleDriverTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = Await.TIMEOUT_MS)
    ServiceComponentRuntime scr;

    private Bundle sample() {
        return Drivers.bundle(context, Drivers.SAMPLE_BSN);
    }

    @Test
    void registersAComponentFactoryForDrivers() {
        ServiceReference<ComponentFactory<Driver>> factory = new Drivers(context).awaitFactory(sample());

        assertThat(factory.getProperty(ComponentConstants.COMPONENT_FACTORY)).isEqualTo(Driver.FACTORY);
        assertThat(factory.getProperty(ComponentConstants.COMPONENT_NAME)).isEqualTo(Drivers.SAMPLE_COMPONENT);
        assertThat(factory.getBundle()).isEqualTo(sample());
    }

    /**
     * DS 1.4+ (§112.5.5) gives the ComponentFactory service only component.name, component.factory
     * and the component's declared factory properties; the component properties, which is where
     * {@code @DriverType} puts the driver id, stay off it. A daemon that filters factories on
     * {@code pyrolab.driver.id} finds nothing; it must read the ids from ServiceComponentRuntime
     * (next test). If this starts failing, SCR changed and the simpler filter became possible.
     */
    @Test
    void factoryServiceDoesNotCarryTheDriverProperties() throws Exception {
        ServiceReference<ComponentFactory<Driver>> factory = new Drivers(context).awaitFactory(sample());

        assertThat(factory.getPropertyKeys()).doesNotContain(Driver.ID, Driver.DESCRIPTION, Driver.PARAMETERS);
        assertThat(context.getServiceReferences(ComponentFactory.class, "(" + Driver.ID + "=" + Drivers.SAMPLE_ID + ")"))
                .as("factories found by a filter on the driver id")
                .isEmpty();
    }

    @Test
    void componentDescriptionCarriesTheDriverProperties() {
        List<ComponentDescriptionDTO> drivers = Drivers.descriptions(scr, sample());

        assertThat(drivers).singleElement().satisfies(d -> {
            assertThat(d.name).isEqualTo(Drivers.SAMPLE_COMPONENT);
            assertThat(d.factory).isEqualTo(Driver.FACTORY);
            assertThat(d.serviceInterfaces).containsExactly(Driver.class.getName());
            assertThat(d.properties).contains(
                    entry(Driver.ID, Drivers.SAMPLE_ID),
                    entry(Driver.DESCRIPTION, "Echoes what it is sent"),
                    entry(Driver.PARAMETERS, "org.pyrolab.driver.sample.EchoDriver$Parameters"),
                    entry("max.delay", 60.0));
        });
    }

    @Test
    void newInstanceMakesAWorkingDriver() throws Exception {
        ServiceReference<ComponentFactory<Driver>> reference = new Drivers(context).awaitFactory(sample());
        ComponentFactory<Driver> factory = context.getService(reference);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("max.delay", 0.5);
        props.put(Driver.SERVICE_NAME, "itest.echo");

        ComponentInstance<Driver> instance = factory.newInstance(props);
        try {
            Driver driver = instance.getInstance();
            TestDriverContext driverContext = new TestDriverContext("itest.echo");
            driver.connect(driverContext);
            driver.ping();

            assertThat(Exposed.names(driver)).containsExactly("add", "delayed_echo", "echo", "instance_id", "whoami");
            assertThat(Exposed.call(driver, "echo", "hello")).isEqualTo("hello");
            assertThat(Exposed.call(driver, "add", 2, 3)).isEqualTo(5L);
            assertThat(Exposed.call(driver, "add", 1, 2.5)).isEqualTo(3.5);
            assertThat(Exposed.call(driver, "add", "py", "rolab")).isEqualTo("pyrolab");
            assertThatThrownBy(() -> Exposed.call(driver, "add", 1, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Integer and String");
            assertThat(Exposed.call(driver, "delayed_echo", "later", 0.01)).isEqualTo("later");
            assertThatThrownBy(() -> Exposed.call(driver, "delayed_echo", "late", 1.0))
                    .as("max.delay from newInstance's properties reached the driver")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 0.5 s");
            assertThat(Exposed.call(driver, "whoami", TestDriverContext.caller("alice", "localhost"))).isEqualTo("alice@localhost");
            driver.close();
            assertThat(driverContext.failures).isEmpty();

            // each instance is also a Driver service carrying the service name it was made for
            ServiceReference<?> service = Await.service(context,
                    "(&(objectClass=" + Driver.class.getName() + ")(" + Driver.SERVICE_NAME + "=itest.echo))");
            assertThat(service.getProperty(Driver.ID)).isEqualTo(Drivers.SAMPLE_ID);
        } finally {
            instance.dispose();
            context.ungetService(reference);
        }
        assertThat(instance.getInstance()).as("disposed").isNull();
        Await.noService(context, "(" + Driver.SERVICE_NAME + "=itest.echo)");
    }
}
