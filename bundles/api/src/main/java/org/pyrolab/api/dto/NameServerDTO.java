package org.pyrolab.api.dto;

/** A nameserver as configured under {@code nameservers:}. */
public class NameServerDTO {
    public String name;
    public String host;
    /** 0 means a free port. */
    public int port;
    public boolean broadcast;
    public int broadcastPort;
    /** Drop entries whose endpoint stopped answering, checked this often; 0 never. */
    public double autocleanSeconds;
    /** {@code memory} or {@code file}. */
    public String storage;
    /** How many names peers may register ({@code max_entries}); a new name beyond it is refused. */
    public int maxEntries;
    /** The host written into its URI ({@code advertise}), or null: the bound address, or for 0.0.0.0 a non-loopback one. */
    public String advertise;
    /** Listed under {@code autolaunch.nameservers}: started with the daemon. */
    public boolean autostart;
    /** Addresses and CIDR networks that may connect, as configured; null means loopback only. */
    public java.util.List<String> allow;
    /** Absolute path of the file holding the lab secret, or null for none. */
    public String secretFile;
    /** TLS from the first byte (Pyro5's SSL mode); null for plain TCP. */
    public TlsDTO tls;
}
