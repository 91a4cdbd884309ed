package org.pyrolab.itest.drivers;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;

/**
 * Connects, then loses its instrument {@code after} seconds later: it tells the daemon with
 * {@code context.failed(reason)}, from a thread of its own as a real driver's reader would.
 */
@Component(factory = Driver.FACTORY)
@DriverType(id = "test.dieslater", description = "Test driver that loses its instrument after connecting",
        parameters = DiesLaterDriver.Parameters.class)
public class DiesLaterDriver extends TestDriver implements Driver {

    public @interface Parameters {
        double after() default 0.2;

        String reason() default "lost";

        /** Report the loss from inside connect, before the daemon has recorded the start. */
        boolean during_connect() default false;
    }

    private final double after;
    private final String reason;
    private final boolean duringConnect;
    private volatile Future<?> death;

    @Activate
    public DiesLaterDriver(Parameters parameters, Map<String, Object> properties) {
        super(properties);
        this.after = parameters.after();
        this.reason = parameters.reason();
        this.duringConnect = parameters.during_connect();
    }

    @Override
    public void connect(DriverContext context) {
        if (duringConnect) {
            context.failed(reason);
            return;
        }
        death = CompletableFuture.runAsync(() -> {
            try {
                context.failed(reason);
            } catch (RuntimeException e) {
                // nobody else would see it: the executor swallows what this task throws
                context.logger().log(System.Logger.Level.ERROR, "context.failed(\"" + reason + "\") threw", e);
                throw e;
            }
        }, CompletableFuture.delayedExecutor(Math.round(after * 1000), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        Future<?> f = death;
        if (f != null) {
            f.cancel(false);
        }
    }
}
