/**
 * One way to call a driver, whoever calls: a Pyro5 client through the endpoint, {@code pyrolab call}
 * from the command line, or the Java client converting results back.
 * <ul>
 * <li>{@link Conversion}: a decoded value (what serpent, json or the command line gave) to a Java
 * type, with the rules of the value table in docs/remote.md;</li>
 * <li>{@link OutgoingValues}: Java values to what a Pyro5 peer expects (records as dicts, enums as names ...);</li>
 * <li>{@link ExposedType}: what a class exposes, read once; {@link Invocation}: positional and keyword
 * arguments bound to one of the overloads, run under a {@link CallGuard} (the instrument lock);</li>
 * <li>{@link CommandLineValues}: {@code pyrolab call} arguments to values; {@link CallTimeout}: how long a call may run.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package org.pyrolab.invoke;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
