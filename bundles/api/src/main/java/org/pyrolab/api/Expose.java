package org.pyrolab.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method of a driver callable remotely and from {@code pyrolab call}. A getter
 * ({@code getX()} / {@code isX()}) or setter ({@code setX(v)}) marked with it is exposed as the
 * attribute {@code x} instead (Pyro5 properties). {@link Driver#ping()} is always exposed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expose {

    /** A oneway method returns nothing and the caller does not wait for it. */
    boolean oneway() default false;
}
