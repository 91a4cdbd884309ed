package org.pyrolab.api.lab;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;
import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameserverDTO;
import org.pyrolab.api.dto.NetworkDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;

/**
 * Network access to services: endpoints that speak Pyro5's wire protocol, nameservers, and
 * instrument locks. The daemon tells it what the configuration says and which services run;
 * it owns the sockets, registrations and lock leases.
 */
@ProviderType
public interface RemoteAccess {

    /**
     * The configured endpoints and nameservers: starts those marked {@code autostart} that are
     * not running, stops those no longer configured, restarts those whose settings changed.
     */
    void configure(List<EndpointDTO> endpoints, List<NameserverDTO> nameservers);

    /** Whether an endpoint or nameserver of this name is configured. */
    boolean has(String name);

    /** Starts a configured endpoint or nameserver; returns one line saying what happened. */
    String start(String name);

    String stop(String name);

    /**
     * Makes a running service callable on its endpoint and registers it on its nameservers.
     * {@code instance} serves instance mode {@code single}; for {@code session} and
     * {@code percall}, {@code create} makes (and connects) another instance, and {@code release}
     * closes one when its connection or call is over.
     */
    void expose(RemoteServiceDTO service, Object instance, Supplier<Object> create, Consumer<Object> release);

    /** Takes a service off its endpoint and nameservers (it stopped or failed). */
    void withdraw(String name);

    /** The endpoints and nameservers as {@code ps} rows (kind {@code endpoint} or {@code nameserver}). */
    List<ServiceDTO> entries();

    /** The {@code PYRO:} URI a running service is served at, or null when it is not served. */
    String address(String service);

    /** Who holds a service's instrument lock ({@code user@host since ...}), or null. */
    String lockHolder(String service);

    /** Locks a service for {@code user} from the command line; fails naming the holder when someone else has it. */
    String lock(String service, String user);

    /** Releases a service's lock; {@code force} breaks someone else's. */
    String unlock(String service, String user, boolean force);

    /** What a nameserver holds: name → URI, as text lines, for {@code pyrolab nslist}. */
    List<String> nslist(String host, int port, boolean json) throws Exception;

    /** What the network side holds now: open connections and bytes of partly received messages, for {@code status}. */
    default NetworkDTO network() {
        return new NetworkDTO();
    }
}
