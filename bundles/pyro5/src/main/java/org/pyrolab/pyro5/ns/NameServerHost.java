package org.pyrolab.pyro5.ns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.pyrolab.pyro5.client.EndpointProbe;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.client.PyroProbe;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.wire.MemoryBudget;

/**
 * A running name server: a {@link PyroServer} serving {@code Pyro.NameServer}, the broadcast
 * responder (not on loopback binds) and the optional autoclean task. It owns the store it is
 * given and closes it when it closes.
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
    private BroadcastResponder responder;
    private ScheduledExecutorService cleaner;

    public NameServerHost(NameServerConfig config, NameStore store) {
        this(config, store, new PyroProbe(config.probeTimeout()));
    }

    /** With another way to tell live endpoints (tests). */
    public NameServerHost(NameServerConfig config, NameStore store, EndpointProbe probe) {
        this(config, store, probe, new MemoryBudget(MemoryBudget.DEFAULT_BYTES));
    }

    /** With a memory budget shared with the daemon's other servers. */
    public NameServerHost(NameServerConfig config, NameStore store, EndpointProbe probe, MemoryBudget budget) {
        this.config = config;
        this.nameServer = new NameServer(store, probe, config.maxEntries());
        this.server = new PyroServer(config.server(), new NameServerObjects(nameServer, writesNeedProof(config)), budget);
    }

    /**
     * Whether register, remove and set_metadata need proof of membership in the lab: the secret,
     * or a verified client certificate (TLS), when either is configured. Reads never do.
     */
    static NameServerObjects.Proof writesNeedProof(NameServerConfig config) {
        boolean certificates = config.server().tls() != null && (config.server().tls().wantClientAuth() || config.server().tls().needClientAuth());
        return config.server().secret() != null ? NameServerObjects.Proof.SECRET_OR_CERTIFICATE
                : certificates ? NameServerObjects.Proof.CERTIFICATE : NameServerObjects.Proof.NONE_NEEDED;
    }

    public synchronized void start() throws IOException {
        server.start();
        try {
            nameServer.registerSelf(uri().toString());
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

    /**
     * Removes entries whose endpoint no longer answers; returns how many. The endpoints are
     * probed without holding the table's lock (see {@link NameServer#autoclean()}).
     */
    public int autoclean() {
        return nameServer.autoclean();
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
        nameServer.store().close();
    }
}
