package org.pyrolab.itest.drivers;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;
import org.pyrolab.api.Expose;

/** A well-behaved driver; {@code label} lets a test change a service's configuration. */
@Component(factory = Driver.FACTORY)
@DriverType(id = "test.ok", description = "Test driver that works", parameters = OkDriver.Parameters.class)
public class OkDriver extends TestDriver implements Driver {

    public @interface Parameters {
        String label() default "";
    }

    private final String label;

    @Activate
    public OkDriver(Parameters parameters, Map<String, Object> properties) {
        super(properties);
        this.label = parameters.label();
    }

    @Override
    public void connect(DriverContext context) {
    }

    @Override
    public void close() {
    }

    @Expose
    public String label() {
        return label;
    }
}
