package org.pyrolab.api.dto;

/** One row of {@code pyrolab ps}: a service, endpoint or nameserver and how it is doing. */
public class ServiceDTO {
    /** A service, endpoint or nameserver; {@code ps --json} shows the lower-case word ({@link ServiceKind#toString()}). */
    public ServiceKind kind;
    public String name;
    public ServiceState state;
    public String driver;
    /** Symbolic name of the bundle that provides the driver, or null. */
    public String bundle;
    /** Version of that bundle, or null. */
    public String version;
    /** Automatic restarts since the service was last started by hand. */
    public int restarts;
    /** Why it failed or waits, or null. */
    public String reason;
    /** ISO-8601 instant it last reached RUNNING, or null. */
    public String started;
    public long uptimeSeconds;
    /** When the next automatic restart is due (ISO-8601), or null. */
    public String nextRestart;
    /** Who holds the instrument lock, or null. */
    public String lockHolder;
    /** Where it can be reached (a PYRO: URI or host:port), or null. */
    public String address;
    public String description;
}
