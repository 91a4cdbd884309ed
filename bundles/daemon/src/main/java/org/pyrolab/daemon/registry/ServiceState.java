package org.pyrolab.daemon.registry;

/** Where a configured service is in its life. */
enum ServiceState {
    /** Not running, and not meant to. */
    STOPPED,
    /** Meant to run, but no installed bundle offers its driver. */
    WAITING,
    STARTING,
    RUNNING,
    STOPPING,
    /** Its driver threw, hung or reported the instrument lost; the reason says which. */
    FAILED
}
