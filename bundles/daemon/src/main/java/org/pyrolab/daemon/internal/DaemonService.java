package org.pyrolab.daemon.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DaemonDTO;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pyrolab.api.dto.NetworkDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.api.lab.Daemon;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.Services;

/** The running daemon as the commands see it. */
@Component
public class DaemonService implements Daemon {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon");

    private final BundleContext context;
    private final InstanceLock lock;

    // dynamic and optional: the registry itself needs this service, and status must work without it
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Services services;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Configuration configuration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ControlServer control;

    @Activate
    public DaemonService(BundleContext context, @Reference InstanceLock lock) {
        this.context = context;
        this.lock = lock;
    }

    @Override
    public DaemonDTO status() {
        DaemonDTO dto = new DaemonDTO();
        dto.pid = ProcessHandle.current().pid();
        dto.controlPort = lock.port();
        dto.version = lock.files.version();
        dto.started = lock.started.toString();
        dto.uptimeSeconds = Duration.between(lock.started, Instant.now()).getSeconds();
        dto.dataFolder = lock.files.root().toString();
        Services registry = services;
        if (registry != null) {
            for (ServiceDTO s : registry.list()) {
                if (s.kind != ServiceKind.SERVICE) {
                    continue; // endpoints and nameservers are not services
                }
                dto.services++;
                dto.running += s.state == ServiceState.RUNNING ? 1 : 0;
                dto.failed += s.state == ServiceState.FAILED ? 1 : 0;
            }
        }
        Configuration config = configuration;
        Path source = config == null ? null : config.source();
        dto.configSource = source == null ? null : source.toString();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        dto.heapUsed = heap.getUsed();
        dto.heapMax = heap.getMax() >= 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
        // looked up when asked, not referenced: remote access needs this Daemon service, so a
        // reference back from here would be a cycle for SCR (the remote bundle may also be absent)
        ServiceReference<RemoteAccess> ref = context.getServiceReference(RemoteAccess.class);
        RemoteAccess network = ref == null ? null : context.getService(ref);
        if (network != null) {
            try {
                NetworkDTO n = network.network();
                dto.connections = n.connections;
                dto.inFlightBytes = n.inFlightBytes;
                dto.inFlightBudget = n.inFlightBudget;
            } catch (RuntimeException e) { // status must answer whatever the remote bundle does
                LOG.log(System.Logger.Level.WARNING, "remote access did not report its connections", e);
            } finally {
                context.ungetService(ref);
            }
        }
        ControlServer server = control;
        dto.controlClients = server == null ? 0 : server.clients();
        return dto;
    }

    @Override
    public Path dataFolder() {
        return lock.files.root();
    }

    @Override
    public Path nameserverStorage() {
        return lock.files.nameservers();
    }

    @Override
    public void shutdown() {
        LOG.log(System.Logger.Level.INFO, "shutdown requested");
        // from another thread: the caller's command must still be able to send its answer
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException e) {
                LOG.log(System.Logger.Level.ERROR, "framework did not stop", e);
            }
        }, "pyrolab-down");
        stopper.start();
    }
}
