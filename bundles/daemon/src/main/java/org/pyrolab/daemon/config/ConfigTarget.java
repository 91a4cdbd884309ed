package org.pyrolab.daemon.config;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the configuration needs from whoever runs it. Configuration flows one way — file, reader,
 * validated {@link LabConfig}, difference, registry — so the registry implements these and the
 * configuration package never imports the registry.
 */
public final class ConfigTarget {
    private ConfigTarget() {
    }

    /** Runs a configuration: the registry applies it as a difference. */
    public interface Runner {
        /** Completes with a one-line summary once the resulting starts and stops have settled. */
        CompletableFuture<String> apply(LabConfig config);
    }

    /** What installed drivers declare, so a configuration's parameters can be checked. */
    public interface Drivers {
        /** The parameters of a driver id, if a driver of that id is installed. */
        Optional<List<ParameterSpec>> parametersOf(String driverId);
    }

    /** Turns the web page on or off as {@code web:} says; in the daemon bundle, with no servlet type in sight. */
    public interface Web {
        /** Completes with a one-line summary of what changed (empty when nothing did), once the page serves or is gone. */
        CompletableFuture<String> apply(LabConfig.WebSpec spec);
    }
}
