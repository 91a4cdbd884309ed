package org.pyrolab.itest.drivers;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;

/** Connect never returns (for an hour by default), and ignores interrupts while it waits. */
@Component(factory = Driver.FACTORY)
@DriverType(id = "test.hangs", description = "Test driver whose connect hangs", parameters = HangsDriver.Parameters.class)
public class HangsDriver extends TestDriver implements Driver {

    public @interface Parameters {
        double seconds() default 3600;
    }

    private final double seconds;

    @Activate
    public HangsDriver(Parameters parameters, Map<String, Object> properties) {
        super(properties);
        this.seconds = parameters.seconds();
    }

    @Override
    public void connect(DriverContext context) {
        hang(seconds);
    }

    @Override
    public void close() {
    }
}
