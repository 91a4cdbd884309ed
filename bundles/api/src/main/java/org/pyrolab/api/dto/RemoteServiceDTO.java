package org.pyrolab.api.dto;

import java.util.List;

/** What remote access needs to know about a running service. */
public class RemoteServiceDTO {
    public String name;
    public String description;
    /** The endpoint it is served on, or null for none. */
    public String endpoint;
    /** The configured nameservers it registers on (names under {@code nameservers:}). */
    public List<String> nameservers;
    /** {@code single}, {@code session} or {@code percall}. */
    public String instanceMode;
    /** A lock ends after this many seconds without a call from its holder. */
    public double leaseSeconds;
    /** A remote call may run this many seconds before its client gets a TimeoutError; 0 for no limit. */
    public double callTimeoutSeconds;
}
