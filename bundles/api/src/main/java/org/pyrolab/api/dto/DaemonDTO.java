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
    /** Bytes of the daemon JVM's heap in use (garbage not yet collected included). */
    public long heapUsed;
    /** The most heap the daemon JVM may use ({@code -Xmx}). */
    public long heapMax;
    /** Open Pyro5 connections to this daemon's endpoints and nameservers. */
    public int connections;
    /** Bytes held by Pyro5 messages that have partly arrived. */
    public long inFlightBytes;
    /** The most {@link #inFlightBytes} may grow to before new messages wait or are refused. */
    public long inFlightBudget;
    /** Open control connections (the {@code pyrolab} commands talking to the daemon, this one included). */
    public int controlClients;
}
