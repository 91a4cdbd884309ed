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
        Map<String, ServiceSpec> services, Autolaunch autolaunch) {

    public static LabConfig empty() {
        return new LabConfig(null, "version: \"1.0\"\n", Map.of(), Map.of(), Map.of(), new Autolaunch(List.of(), List.of(), List.of()));
    }

    /** What {@code up} starts, in this order. */
    public record Autolaunch(List<String> nameservers, List<String> endpoints, List<String> services) {
    }

    /** A nameserver entry ({@code nameservers:}); {@code advertise} is the host for its URI, or null to choose. */
    public record NameServerSpec(String name, String host, int port, boolean broadcast, int broadcastPort, double autocleanSeconds,
            String storage, int maxEntries, String advertise) {
    }

    /** An endpoint entry ({@code daemons:}, the Python PyroLab's word); {@code advertise} is the host for URIs, or null to choose. */
    public record EndpointSpec(String name, String host, int port, List<String> nameservers, int maxConnections, int maxMessageSize,
            double messageDeadlineSeconds, String advertise) {
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
