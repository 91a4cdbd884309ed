package org.pyrolab.itest.drivers;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;

/** Connects, then never returns from close (for an hour by default), ignoring interrupts. */
@Component(factory = Driver.FACTORY)
@DriverType(id = "test.hangsonclose", description = "Test driver whose close hangs", parameters = HangsOnCloseDriver.Parameters.class)
public class HangsOnCloseDriver extends TestDriver implements Driver {

    public @interface Parameters {
        double seconds() default 3600;
    }

    private final double seconds;

    @Activate
    public HangsOnCloseDriver(Parameters parameters, Map<String, Object> properties) {
        super(properties);
        this.seconds = parameters.seconds();
    }

    @Override
    public void connect(DriverContext context) {
    }

    @Override
    public void close() {
        hang(seconds);
    }
}
