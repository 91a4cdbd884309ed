package org.pyrolab.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Code that controls one kind of instrument.
 *
 * <p>A driver is a Declarative Services factory component: annotate the class with
 * {@code @Component(factory = Driver.FACTORY)} and {@link DriverType}. The daemon makes one
 * instance per configured service, passing the service's parameters as component properties
 * (receive them through the constructor as your parameters annotation). It then calls
 * {@link #connect}, {@link #ping} from time to time, and {@link #close} when the service stops.
 * Each call runs on a thread of its own with a timeout, so a driver that hangs harms nobody else.
 */
@ConsumerType
public interface Driver {

    /** The {@code component.factory} every driver component declares. */
    String FACTORY = "org.pyrolab.driver";

    /** Component property: the driver id that configurations name, such as {@code sim.laser}. */
    String ID = "pyrolab.driver.id";

    /** Component property: one line saying what the driver controls. */
    String DESCRIPTION = "pyrolab.driver.description";

    /** Component property: the class name of the annotation that declares the driver's parameters. */
    String PARAMETERS = "pyrolab.driver.parameters";

    /** Component and service property given to each instance: the configured service name. */
    String SERVICE_NAME = "pyrolab.service.name";

    /**
     * Opens the instrument. Throw to say why it cannot be opened; the message is what users see.
     *
     * @param context what the daemon offers this instance while it runs
     */
    void connect(DriverContext context) throws Exception;

    /** Answers whether the instrument still responds; throws if it does not. Remotely exposed on every service. */
    default void ping() throws Exception {
    }

    /** Releases the instrument. Called once, also after a failed {@link #connect}. */
    void close() throws Exception;
}
