package org.pyrolab.daemon.config;

import java.util.List;
import java.util.Map;

/**
 * A valid configuration as the daemon runs it: what the file said, checked and typed. The daemon
 * keeps this copy; editing the file changes nothing until {@code reload}.
 *
 * @param source the file it was read from, or null for the empty configuration
 * @param text the file's text, for {@code config show} and {@code config export}
 */
public record LabConfig(String source, String text, Map<String, NameServerSpec> nameservers, Map<String, EndpointSpec> endpoints,
        Map<String, ServiceSpec> services, Autolaunch autolaunch, WebSpec web) {

    public static LabConfig empty() {
        return new LabConfig(null, "version: \"1.0\"\n", Map.of(), Map.of(), Map.of(), new Autolaunch(List.of(), List.of(), List.of()),
                WebSpec.OFF);
    }

    /**
     * {@code web:}, the page in a browser. Off: no HTTP port, no web bundle installed.
     *
     * @param host where it listens ({@code localhost} unless told)
     * @param port its port, 0 for any free one
     * @param tls  the certificate and key it serves HTTPS with, or null for plain HTTP (loopback only)
     * @param tlsFrom where {@code tls} comes from: {@code web.tls}, or {@code daemons.NAME.tls} when borrowed from an endpoint
     */
    public record WebSpec(boolean on, String host, int port, TlsSpec tls, String tlsFrom) {
        public static final WebSpec OFF = new WebSpec(false, null, 0, null, null);
    }

    /** What {@code up} starts, in this order. */
    public record Autolaunch(List<String> nameservers, List<String> endpoints, List<String> services) {
    }

    /**
     * A nameserver entry ({@code nameservers:}).
     *
     * @param allow      addresses and networks that may connect as written, or null for loopback only
     * @param secretFile absolute path of the lab secret's file, or null for none
     * @param advertise  the host for its URI, or null to choose
     */
    public record NameServerSpec(String name, String host, int port, boolean broadcast, int broadcastPort, double autocleanSeconds,
            String storage, int maxEntries, List<String> allow, String secretFile, TlsSpec tls, String advertise) {
    }

    /**
     * An endpoint entry ({@code daemons:}, the Python PyroLab's word).
     *
     * @param allow            addresses and networks that may connect as written, or null for loopback only
     * @param secretFile       absolute path of the lab secret's file, or null for none
     * @param remoteTracebacks send Java stack traces and class names to remote callers (debugging)
     * @param advertise        the host for URIs, or null to choose
     */
    public record EndpointSpec(String name, String host, int port, List<String> nameservers, int maxConnections, int maxMessageSize,
            double messageDeadlineSeconds, List<String> allow, String secretFile, boolean remoteTracebacks, TlsSpec tls, String advertise) {
    }

    /**
     * {@code tls:} of an endpoint or name server, its files already read once and found usable.
     * Paths are absolute (a relative one is taken from the configuration file's folder); null
     * where not given. A name server run elsewhere uses the same files as a client: {@code ca}
     * checks the server, {@code cert} and {@code key} are this daemon's client certificate.
     */
    public record TlsSpec(String cert, String key, String ca, boolean requireClientCert) {
    }

    /** How a service's failures are answered. */
    public enum Restart {
        NEVER, ON_FAILURE, ALWAYS;

        public String word() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** A service entry: a named, configured instance of a driver. */
    public record ServiceSpec(String name, String driver, Map<String, Object> parameters, String description, String endpoint,
            List<String> nameservers, String instanceMode, Restart restart, int maxRestarts, double timeoutSeconds,
            double pingIntervalSeconds, double leaseSeconds, double callTimeoutSeconds) {
    }
}
