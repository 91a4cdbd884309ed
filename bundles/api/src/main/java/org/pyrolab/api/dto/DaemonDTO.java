package org.pyrolab.api.dto;

/** What {@code pyrolab status} shows. */
public class DaemonDTO {
    public long pid;
    public int controlPort;
    public String version;
    /** ISO-8601 instant. */
    public String started;
    public long uptimeSeconds;
    public String dataFolder;
    /** The file the running configuration was read from, or null when there is none. */
    public String configSource;
    public int services;
    public int running;
    public int failed;
}
