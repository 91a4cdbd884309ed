package org.pyrolab.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of your interface as a oneway call: it returns as soon as the call
 * is sent and never reports the remote result or error. Use it for the driver methods exposed
 * with {@code @Expose(oneway = true)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Oneway {
}
