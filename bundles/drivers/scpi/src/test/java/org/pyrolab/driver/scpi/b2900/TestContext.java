package org.pyrolab.driver.scpi.b2900;

import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.DriverContext;

/** What the daemon would hand a driver, recording what the driver reports. */
final class TestContext implements DriverContext {

    final List<String> failures = new ArrayList<>();

    @Override
    public String serviceName() {
        return "test.smu";
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("test.smu");
    }

    @Override
    public void failed(String reason) {
        failures.add(reason);
    }
}
