package org.pyrolab.itest.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pyrolab.api.Caller;
import org.pyrolab.api.DriverContext;

/** What the daemon would give a driver instance, recording what the driver reports. */
public final class TestDriverContext implements DriverContext {
    private final String serviceName;
    /** Reasons passed to {@link #failed}. */
    public final List<String> failures = new CopyOnWriteArrayList<>();

    public TestDriverContext(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public String serviceName() {
        return serviceName;
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("org.pyrolab.itest." + serviceName);
    }

    @Override
    public void failed(String reason) {
        failures.add(reason);
    }

    /** A caller as the CLI would present one. */
    public static Caller caller(String user, String host) {
        return new Caller() {
            @Override
            public String user() {
                return user;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public String connection() {
                return "itest-1";
            }
        };
    }
}
