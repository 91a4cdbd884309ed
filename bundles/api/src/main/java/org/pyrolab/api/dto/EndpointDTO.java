package org.pyrolab.api.dto;

import java.util.List;

/** An endpoint as configured under {@code daemons:}. */
public class EndpointDTO {
    public String name;
    public String host;
    /** 0 means a free port. */
    public int port;
    public List<String> nameservers;
    public int maxConnections;
    public int maxMessageSize;
    /** A message must arrive whole this many seconds after its first byte. */
    public double messageDeadlineSeconds;
    /** The host written into its URIs ({@code advertise}), or null: the bound address, or for 0.0.0.0 a non-loopback one. */
    public String advertise;
    /** Listed under {@code autolaunch.daemons}: started with the daemon. */
    public boolean autostart;
    /** Addresses and CIDR networks that may connect, as configured; null means loopback only. */
    public List<String> allow;
    /** Absolute path of the file holding the lab secret, or null for none. */
    public String secretFile;
    /** Send Java stack traces and class names to remote callers ({@code remote_tracebacks}, debugging). */
    public boolean remoteTracebacks;
    /** TLS from the first byte (Pyro5's SSL mode); null for plain TCP. */
    public TlsDTO tls;
}
