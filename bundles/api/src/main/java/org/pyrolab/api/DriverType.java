package org.pyrolab.api;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a driver on its component class; bnd turns it into the component properties
 * {@value Driver#ID}, {@value Driver#DESCRIPTION} and {@value Driver#PARAMETERS}.
 *
 * <pre>
 * &#64;Component(factory = Driver.FACTORY)
 * &#64;DriverType(id = "sim.laser", description = "Simulated tunable laser", parameters = Laser.Parameters.class)
 * public class Laser implements Driver { ... }
 * </pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DriverType {

    /** Makes the element names {@code pyrolab.driver.id} and so on. */
    String PREFIX_ = "pyrolab.driver.";

    /** The driver id that configurations name in {@code driver:}. */
    String id();

    /** One line saying what the driver controls. */
    String description() default "";

    /**
     * The annotation whose elements are the driver's parameters: each element's name is the
     * parameter name in the configuration file, its return type the parameter type, its default
     * the parameter default; an element without a default is a required parameter. The daemon
     * checks configurations against it, and DS hands the values to the driver's constructor.
     */
    Class<? extends Annotation> parameters() default NoParameters.class;
}
