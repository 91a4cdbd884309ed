package org.pyrolab.driver.sample;


import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Caller;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;
import org.pyrolab.api.Expose;

/** A service that needs no instrument: it sends back what it is sent. */
@Component(factory = Driver.FACTORY)
@DriverType(id = "sample.echo", description = "Echoes what it is sent", parameters = EchoDriver.Parameters.class)
public class EchoDriver implements Driver {

    /** The parameters of {@code sample.echo}. */
    public @interface Parameters {
        /** The longest wait {@code delayed_echo} accepts, in seconds. */
        double max_delay() default 60.0;
    }

    /** Numbers the instances this bundle made, so clients can see instance modes at work. */
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final double maxDelay;
    private final long instance = INSTANCES.incrementAndGet();

    @Activate
    public EchoDriver(Parameters parameters) {
        this.maxDelay = parameters.max_delay();
    }

    @Override
    public void connect(DriverContext context) {
        context.logger().log(System.Logger.Level.INFO, "echo service {0} ready", context.serviceName());
    }

    @Override
    public void close() {
    }

    @Expose
    public Object echo(Object x) {
        return x;
    }

    @Expose
    public Object add(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            Number x = (Number) a, y = (Number) b;
            if (isIntegral(x) && isIntegral(y)) {
                return Math.addExact(x.longValue(), y.longValue());
            }
            return x.doubleValue() + y.doubleValue();
        }
        if (a instanceof String && b instanceof String) {
            return (String) a + b;
        }
        throw new IllegalArgumentException("add needs two numbers or two strings, not " + typeName(a) + " and " + typeName(b));
    }

    @Expose
    public Object delayed_echo(Object x, double seconds) throws InterruptedException {
        if (seconds < 0 || seconds > maxDelay) {
            throw new IllegalArgumentException("delay must be between 0 and " + maxDelay + " s, not " + seconds);
        }
        Thread.sleep(Math.round(seconds * 1000));
        return x;
    }

    /** Which driver instance answers: the same one for a whole session in instance mode session, a new one per call in percall. */
    @Expose
    public long instance_id() {
        return instance;
    }

    @Expose
    public String whoami(Caller caller) {
        return caller.user() + "@" + caller.host();
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "EchoDriver[max_delay=" + maxDelay + "]";
    }
}
