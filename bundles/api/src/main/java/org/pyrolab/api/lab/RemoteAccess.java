package org.pyrolab.api.lab;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;
import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.NetworkDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;

/**
 * Network access to services: endpoints that speak Pyro5's wire protocol, nameservers, and
 * instrument locks. The daemon tells it what the configuration says and which services run;
 * it owns the sockets, registrations and lock leases. It answers with records and enums; the
 * wording users read is the caller's (the shell's commands, the registry's start and stop lines).
 * A name that is not configured or not served, or a socket that cannot be opened, is an exception
 * whose message is one sentence for the user.
 */
@ProviderType
public interface RemoteAccess {

    /**
     * The configured endpoints and nameservers: starts those marked {@code autostart} that are
     * not running, stops those no longer configured, restarts those whose settings changed.
     */
    void configure(List<EndpointDTO> endpoints, List<NameServerDTO> nameservers);

    /** Whether an endpoint or nameserver of this name is configured. */
    boolean has(String name);

    /** Starts a configured endpoint or nameserver (running already is no error). */
    RemoteChange start(String name);

    /** Stops a configured endpoint or nameserver (not running is no error). */
    RemoteChange stop(String name);

    /**
     * Makes a running service callable on its endpoint and registers it on its nameservers.
     * {@code instance} serves instance mode {@code single}; for {@code session} and
     * {@code percall}, {@code create} makes (and connects) another instance, and {@code release}
     * closes one when its connection or call is over.
     * <p>
     * Instances are {@code Object}: a driver is any class (a DS component with {@code @Expose}d
     * methods), with no common supertype to name here; calls reach its methods by reflection.
     */
    void expose(RemoteServiceDTO service, Object instance, Supplier<Object> create, Consumer<Object> release);

    /** Takes a service off its endpoint and nameservers (it stopped or failed). */
    void withdraw(String name);

    /** The endpoints and nameservers as {@code ps} rows (kind {@code endpoint} or {@code nameserver}). */
    List<ServiceDTO> entries();

    /** The {@code PYRO:} URI a running service is served at, or null when it is not served. */
    String address(String service);

    /** Who holds a service's instrument lock, or null when nobody does or it is not served. */
    LockHolder lockHolder(String service);

    /**
     * Locks a service for {@code user} from the command line, until {@link #unlock}:
     * {@link LockChange.Outcome#LOCKED}, or {@link LockChange.Outcome#HELD} when someone else has it.
     */
    LockChange lock(String service, String user);

    /**
     * Releases {@code user}'s command-line lock on a service: {@link LockChange.Outcome#UNLOCKED},
     * {@link LockChange.Outcome#NOT_LOCKED}, or {@link LockChange.Outcome#HELD} when someone else
     * holds it; with {@code force}, breaks whoever's lock it is ({@link LockChange.Outcome#BROKEN}).
     */
    LockChange unlock(String service, String user, boolean force);

    /** What the nameserver at {@code host:port} holds, sorted by name, for {@code pyrolab nslist}. */
    List<NameServerEntry> nslist(String host, int port) throws IOException;

    /** What the network side holds now: open connections and bytes of partly received messages, for {@code status}. */
    default NetworkDTO network() {
        return new NetworkDTO();
    }
}
