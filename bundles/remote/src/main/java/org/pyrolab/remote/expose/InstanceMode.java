package org.pyrolab.remote.expose;

/** How many instances of a served class exist (never visible on the wire). */
public enum InstanceMode {
    /** One instance for the whole server. */
    SINGLE,
    /** One instance per client connection (a Python proxy), dropped when it closes. */
    SESSION,
    /** A new instance for every call. */
    PERCALL
}
