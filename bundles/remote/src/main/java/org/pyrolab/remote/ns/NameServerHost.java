package org.pyrolab.remote.ns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.pyrolab.remote.serial.PyroUri;
import org.pyrolab.remote.server.PyroServer;
import org.pyrolab.remote.server.Target;
import org.pyrolab.remote.server.Targets;

/**
 * A running name server: a {@link PyroServer} serving {@code Pyro.NameServer}, the broadcast
 * responder (not on loopback binds) and the optional autoclean task.
 *
 * <pre>
 * try (NameServerHost ns = new NameServerHost(NameServerConfig.defaults(), new FileNameStore(file))) {
 *     ns.start();
 *     ns.nameServer().register("asgard.laser1", uri.toString(), false, Set.of("laser"), false);
 * }
 * </pre>
 */
public final class NameServerHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NameServerHost.class.getName());

    private final NameServerConfig config;
    private final NameServer nameServer;
    private final PyroServer server;
    private final EndpointProbe probe;
    private BroadcastResponder responder;
    private ScheduledExecutorService cleaner;

    public NameServerHost(NameServerConfig config, NameStore store) {
        this(config, store, new PyroProbe(config.probeTimeout()));
    }

    /** With another way to tell live endpoints (tests). */
    public NameServerHost(NameServerConfig config, NameStore store, EndpointProbe probe) {
        this.config = config;
        this.probe = probe;
        this.nameServer = new NameServer(store, probe);
        Targets targets = new Targets();
        targets.add(Target.of(NameServer.OBJECT_ID, nameServer).notLockable());
        this.server = new PyroServer(config.server(), targets);
    }

    public synchronized void start() throws IOException {
        server.start();
        try {
            nameServer.register(NameServer.OBJECT_ID, uri().toString(), false, Set.of(NameServer.SELF_METADATA), true);
            if (config.broadcast()) {
                if (InetAddress.getByName(config.server().host()).isLoopbackAddress()) {
                    LOG.log(Level.INFO, "name server bound to loopback: no broadcast responder");
                } else {
                    responder = new BroadcastResponder(config.server().host(), config.broadcastPort(), uri());
                }
            }
            if (!config.autoclean().isZero()) {
                cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "pyro-ns-autoclean");
                    t.setDaemon(true);
                    return t;
                });
                long ms = config.autoclean().toMillis();
                cleaner.scheduleWithFixedDelay(this::autoclean, ms, ms, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Removes entries whose endpoint no longer answers; returns how many. */
    public int autoclean() {
        int removed = 0;
        for (NameEntry e : nameServer.store().all()) {
            if (e.name().equals(NameServer.OBJECT_ID)) {
                continue;
            }
            boolean alive;
            try {
                alive = probe.alive(PyroUri.parse(e.uri()));
            } catch (IllegalArgumentException x) {
                alive = false;
            }
            if (!alive && nameServer.store().remove(e.name())) {
                removed++;
                LOG.log(Level.INFO, "autoclean removed {0} ({1} does not answer)", e.name(), e.uri());
            }
        }
        return removed;
    }

    /** {@code PYRO:Pyro.NameServer@host:port}. */
    public PyroUri uri() {
        return server.uri(NameServer.OBJECT_ID);
    }

    public NameServer nameServer() {
        return nameServer;
    }

    public PyroServer server() {
        return server;
    }

    /** The UDP port answering broadcasts, or -1 when there is no responder. */
    public int broadcastPort() {
        BroadcastResponder r = responder;
        return r == null ? -1 : r.port();
    }

    @Override
    public synchronized void close() {
        if (cleaner != null) {
            cleaner.shutdownNow();
        }
        if (responder != null) {
            responder.close();
        }
        server.close();
    }
}
