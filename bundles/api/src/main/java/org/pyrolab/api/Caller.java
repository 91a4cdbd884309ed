package org.pyrolab.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who is calling. An exposed method whose first parameter has this type receives the caller;
 * remote clients never send it (the way Gogo hands a command its session).
 */
@ProviderType
public interface Caller {

    /** The user name the caller gave when it locked the service, or the local user for the CLI. */
    String user();

    /** The caller's host address, {@code localhost} for the CLI. */
    String host();

    /** An id for the caller's connection, unique while the daemon runs. */
    String connection();
}
