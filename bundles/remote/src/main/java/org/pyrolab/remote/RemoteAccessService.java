package org.pyrolab.remote;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.Caller;
import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.NetworkDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.lab.Daemon;
import org.pyrolab.api.lab.LockChange;
import org.pyrolab.api.lab.LockHolder;
import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.invoke.CallGuard;
import org.pyrolab.remote.access.Access;

/**
 * The daemon's network access: endpoints, name servers, registrations and locks, as configured.
 * A thin component; the work is in {@link Access}. It is also the {@link CallGuard} through which
 * {@code pyrolab call} passes, so that an instrument lock refuses the command line as it refuses
 * other Pyro5 clients.
 */
@Component(service = {RemoteAccess.class, CallGuard.class}, property = "pyrolab.guard=command-line")
public class RemoteAccessService implements RemoteAccess, CallGuard {

    private final Access access;

    @Activate
    public RemoteAccessService(@Reference Daemon daemon) {
        this.access = new Access(daemon.nameserverStorage());
    }

    @Deactivate
    void close() {
        access.close();
    }

    @Override
    public void configure(List<EndpointDTO> endpoints, List<NameServerDTO> nameservers) {
        access.configure(endpoints, nameservers);
    }

    @Override
    public NetworkDTO network() {
        NetworkDTO dto = new NetworkDTO();
        dto.connections = access.connections();
        dto.inFlightBytes = access.budget().used();
        dto.inFlightBudget = access.budget().capacity();
        return dto;
    }

    @Override
    public boolean has(String name) {
        return access.has(name);
    }

    @Override
    public RemoteChange start(String name) {
        return access.start(name);
    }

    @Override
    public RemoteChange stop(String name) {
        return access.stop(name);
    }

    @Override
    public void expose(RemoteServiceDTO service, Object instance, Supplier<Object> create, Consumer<Object> release) {
        access.expose(service, instance, create, release);
    }

    @Override
    public void withdraw(String name) {
        access.withdraw(name);
    }

    @Override
    public List<ServiceDTO> entries() {
        return access.entries();
    }

    @Override
    public String address(String service) {
        return access.address(service);
    }

    @Override
    public LockHolder lockHolder(String service) {
        return access.commandLineLocks().holder(service);
    }

    @Override
    public LockChange lock(String service, String user) {
        return access.commandLineLocks().lock(service, user);
    }

    @Override
    public LockChange unlock(String service, String user, boolean force) {
        return access.commandLineLocks().unlock(service, user, force);
    }

    @Override
    public Pass enter(String service, String method, Caller caller) {
        return access.commandLineLocks().enter(service, method, caller.user());
    }

    @Override
    public List<NameServerEntry> nslist(String host, int port) throws IOException {
        return access.nslist(host, port);
    }
}
