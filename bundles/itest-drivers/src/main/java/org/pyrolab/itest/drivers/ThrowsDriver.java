package org.pyrolab.itest.drivers;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;

/** Its instrument is never there: connect throws. */
@Component(factory = Driver.FACTORY)
@DriverType(id = "test.throws", description = "Test driver whose connect throws", parameters = ThrowsDriver.Parameters.class)
public class ThrowsDriver extends TestDriver implements Driver {

    public @interface Parameters {
        String message() default "no instrument on COM7";
    }

    private final String message;

    @Activate
    public ThrowsDriver(Parameters parameters, Map<String, Object> properties) {
        super(properties);
        this.message = parameters.message();
    }

    @Override
    public void connect(DriverContext context) throws IOException {
        throw new IOException(message);
    }

    @Override
    public void close() {
    }
}
