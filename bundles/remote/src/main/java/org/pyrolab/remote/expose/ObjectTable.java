package org.pyrolab.remote.expose;

import java.util.Collection;

/**
 * Resolves object ids to the objects a {@link PyroServer} serves. The daemon can implement it on
 * its own service registry; {@link Targets} is a ready map-based one.
 */
public interface ObjectTable {

    /** The target registered under {@code id}, or null if there is none. */
    Target find(String id);

    /** The ids of all targets, for {@code Pyro.Daemon.registered()}. */
    Collection<String> ids();
}
