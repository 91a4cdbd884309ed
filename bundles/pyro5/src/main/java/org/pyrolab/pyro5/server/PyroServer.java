package org.pyrolab.pyro5.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.serial.Serializers;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.pyro5.wire.MessageCodec;

/**
 * A Pyro5 server: serves {@link PyroObjects} over TCP to Python Pyro5 and Pyrolite clients
 * (serpent and json), one thread per connection, with every resource bounded:
 * <ul>
 * <li>connections: at most {@code maxConnections}; when full, the connection that has waited
 * longest for its client (idle, or trickling a message) is closed to make room;</li>
 * <li>memory: message bytes are reserved from a {@link MemoryBudget} as they arrive;</li>
 * <li>time: a message must arrive whole within {@code messageDeadline} of its first byte, and a
 * call that outlives its timeout is answered with a TimeoutError while it goes on;</li>
 * <li>threads: one per connection, plus calls given up on (at most {@value HungCalls#MAX_PER_OBJECT}
 * per object and {@value HungCalls#MAX} in all; more are refused at once), plus
 * {@value #ONEWAY_THREADS} for oneway calls with a queue of {@value #ONEWAY_QUEUE}.</li>
 * </ul>
 *
 * <pre>
 * try (PyroServer server = new PyroServer(PyroServerConfig.defaults().withPort(0), objects)) {
 *     server.start();
 *     PyroUri uri = server.uri("asgard.laser1");
 * }
 * </pre>
 */
public final class PyroServer implements AutoCloseable {

    static final int ONEWAY_THREADS = 8;
    static final int ONEWAY_QUEUE = 256;
    private static final long WATCHDOG_MILLIS = 50;

    private static final System.Logger LOG = System.getLogger(PyroServer.class.getName());
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final PyroServerConfig config;
    private final PyroObjects objects;
    private final MemoryBudget budget;
    private final MessageCodec codec;
    private final Serializers serializers = new Serializers();
    private final DaemonObject daemon = new DaemonObject(this);
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final ConnectionSlots connections;
    private final HungCalls hungCalls = new HungCalls();
    private ServerSocket serverSocket;
    private ExecutorService connectionThreads;
    private ThreadPoolExecutor onewayThreads;
    private ScheduledExecutorService watchdog;
    private Thread acceptor;
    private volatile boolean closed;

    /** A server with a memory budget of its own. */
    public PyroServer(PyroServerConfig config, PyroObjects objects) {
        this(config, objects, new MemoryBudget(MemoryBudget.DEFAULT_BYTES));
    }

    /** A server sharing {@code budget} with others (every endpoint and name server of a daemon). */
    public PyroServer(PyroServerConfig config, PyroObjects objects, MemoryBudget budget) {
        this.config = config;
        this.objects = objects;
        this.budget = budget;
        this.codec = new MessageCodec(config.maxMessageSize());
        this.connections = new ConnectionSlots(config.maxConnections());
    }

    /** Binds and starts accepting connections. */
    public synchronized void start() throws IOException {
        if (serverSocket != null || closed) {
            throw new IllegalStateException("server already started or closed");
        }
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 100);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot bind " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        serverSocket = ss;
        int port = ss.getLocalPort();
        // bounded by admission: connections (maxConnections) plus calls given up on (MAX_STUCK)
        connectionThreads = Executors.newCachedThreadPool(ServerThreads.named("pyro-" + port + "-conn-"));
        onewayThreads = new ThreadPoolExecutor(ONEWAY_THREADS, ONEWAY_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ONEWAY_QUEUE), ServerThreads.named("pyro-" + port + "-oneway-"));
        onewayThreads.allowCoreThreadTimeOut(true);
        watchdog = Executors.newSingleThreadScheduledExecutor(ServerThreads.named("pyro-" + port + "-watchdog"));
        watchdog.scheduleWithFixedDelay(this::checkCalls, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        acceptor = ServerThreads.named("pyro-" + port + "-accept").newThread(this::acceptLoop);
        acceptor.start();
        LOG.log(Level.INFO, "Pyro5 endpoint listening on {0}:{1}{2}", config.host(), String.valueOf(port), config.tls() == null ? "" : " (TLS)");
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (SocketException e) {
                break; // closed
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
                continue;
            }
            if (config.allow() == null || config.allow().admits(s, refusals)) {
                admit(s); // checked before a slot or a thread is taken
            }
        }
    }

    private void admit(Socket s) {
        Connection c = new Connection(this, s, new Peer("c" + CONNECTION_IDS.incrementAndGet(), s.getInetAddress().getHostAddress()));
        ConnectionSlots.Admission admission = connections.admit(c);
        if (!admission.admitted()) {
            refusals.warn(c.peer.host(), "refused a connection: all " + connections.max() + " connections are running calls");
            closeQuietly(s);
            return;
        }
        Connection evicted = admission.evicted();
        if (evicted != null) {
            refusals.warn(evicted.peer.host(), "closed " + evicted.peer + ", the connection that waited longest, to make room for " + c.peer);
            evicted.close();
            objects.closed(evicted.peer);
        }
        try {
            connectionThreads.execute(c);
        } catch (RejectedExecutionException e) {
            closed(c);
            c.close();
        }
    }

    void closed(Connection c) {
        if (connections.remove(c)) {
            objects.closed(c.peer);
        }
    }

    private void checkCalls() {
        long now = System.nanoTime();
        for (Connection c : connections.snapshot()) {
            c.checkCallTimeout(now);
        }
    }

    /** A call on {@code c} was given up on: another thread goes on reading its messages. */
    void takeOver(Connection c) {
        connectionThreads.execute(c::serve);
    }

    ScheduledExecutorService timers() { // TLS handshake deadlines run on the watchdog's thread
        return watchdog;
    }

    HungCalls hungCalls() {
        return hungCalls;
    }

    Duration callTimeout(String objectId) {
        Duration own = DaemonObject.ID.equals(objectId) ? null : objects.callTimeout(objectId);
        return own != null ? own : config.callTimeout();
    }

    ObjectMetadata metadata(String objectId) {
        return DaemonObject.ID.equals(objectId) ? DaemonObject.METADATA : objects.metadata(objectId);
    }

    Object invoke(Peer peer, Call c) throws Exception {
        return DaemonObject.ID.equals(c.object()) ? daemon.call(c) : objects.invoke(peer, c);
    }

    void pinged(Peer peer) {
        objects.pinged(peer);
    }

    void oneway(Peer peer, Runnable call) {
        try {
            onewayThreads.execute(call);
        } catch (RejectedExecutionException e) {
            refusals.warn(peer.host(), "dropped a oneway call from " + peer + ": " + ONEWAY_QUEUE + " are waiting already");
        }
    }

    /** The port bound, once started. */
    public int port() {
        ServerSocket ss = serverSocket;
        if (ss == null) {
            throw new IllegalStateException("server not started");
        }
        return ss.getLocalPort();
    }

    /** The host written into URIs: {@code advertisedHost}, or {@link AdvertisedHost#forBind} of the bound host. */
    public String host() {
        if (config.advertisedHost() != null) {
            return config.advertisedHost();
        }
        String chosen = advertised;
        if (chosen == null) {
            chosen = AdvertisedHost.forBind(config.host());
            advertised = chosen; // looked up once: URIs must not change under registered names
        }
        return chosen;
    }

    /** The host chosen for a wildcard bind, once asked. */
    private volatile String advertised;

    /** The {@code PYRO:id@host:port} URI of an object served here. */
    public PyroUri uri(String objectId) {
        return PyroUri.of(objectId, host(), port());
    }

    public PyroServerConfig config() {
        return config;
    }

    public PyroObjects objects() {
        return objects;
    }

    /** The memory budget of partly received messages. */
    public MemoryBudget budget() {
        return budget;
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    MessageCodec codec() {
        return codec;
    }

    Serializers serializers() {
        return serializers;
    }

    RefusalLog refusals() {
        return refusals;
    }

    /** Stops accepting, closes every connection and waits briefly for their threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverSocket == null) {
            return;
        }
        closeQuietly(serverSocket);
        connections.snapshot().forEach(Connection::close);
        watchdog.shutdownNow();
        connectionThreads.shutdown();
        onewayThreads.shutdown();
        try {
            acceptor.join(2000);
            connectionThreads.awaitTermination(2, TimeUnit.SECONDS);
            onewayThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "Pyro5 endpoint on port {0} closed", String.valueOf(serverSocket.getLocalPort()));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing: {0}", e.getMessage());
        }
    }
}
