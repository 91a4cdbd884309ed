package org.pyrolab.api.lab;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ServiceDTO;

/**
 * The registry of configured services and the drivers that run them. Unknown names throw
 * {@link IllegalArgumentException}; the methods that start or stop wait for the outcome (each
 * driver call is bounded by the service's timeout) and return what happened as a
 * {@link ServiceChange}, or throw {@link IllegalStateException} with the reason it failed.
 */
@ProviderType
public interface Services {

    /** Every service, endpoint and nameserver, in configuration order. */
    List<ServiceDTO> list();

    ServiceDTO get(String name);

    /** Starts a service, endpoint or nameserver; a running one is left alone ({@code ALREADY_RUNNING}). */
    ServiceChange start(String name);

    /** Stops a service, endpoint or nameserver; one that does not run is left alone ({@code NOT_RUNNING}). */
    ServiceChange stop(String name);

    /** Stops, then starts; the answer is the start's. */
    ServiceChange restart(String name);

    /** The drivers that installed bundles offer, and the deploy-directory files that offer none because of a problem. */
    List<DriverDTO> drivers();

    /**
     * Waits (at most {@code limit}) until no service that {@code autolaunch} lists is still
     * starting, or waiting for a driver the deploy directory has yet to install, then returns
     * those that are not running.
     */
    List<ServiceDTO> autolaunchFailures(Duration limit);

    /** Calls an exposed method of a running service as the local user, for {@code pyrolab call}. */
    Object call(String name, String method, List<Object> args) throws Exception;
}
