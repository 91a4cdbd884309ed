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
    /** Listed under {@code autolaunch.daemons}: started with the daemon. */
    public boolean autostart;
    /** TLS from the first byte (Pyro5's SSL mode); null for plain TCP. */
    public TlsDTO tls;
}
