package org.pyrolab.api.dto;

/**
 * Where a service, endpoint or nameserver is in its life, as {@code pyrolab ps} shows it. JSON
 * (Jackson) writes it by name, so {@code ps --json} shows {@code "RUNNING"} and so on.
 */
public enum ServiceState {
    /** Not running, and not meant to. */
    STOPPED,
    /** Meant to run, but no installed bundle offers its driver (a service), or a nameserver it registers on cannot be reached. */
    WAITING,
    STARTING,
    RUNNING,
    STOPPING,
    /** Its driver threw, hung or reported the instrument lost, or its socket could not be opened; the reason says which. */
    FAILED
}
