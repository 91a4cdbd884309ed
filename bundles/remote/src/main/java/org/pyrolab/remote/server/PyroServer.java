package org.pyrolab.remote.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.remote.serial.PyroUri;
import org.pyrolab.remote.serial.Serializers;
import org.pyrolab.remote.wire.MessageCodec;

/**
 * A Pyro5 endpoint: serves the objects of an {@link ObjectTable} over TCP, one thread per
 * connection, to Python Pyro5 and Pyrolite clients (serpent and json).
 *
 * <pre>
 * Targets targets = new Targets();
 * targets.add("asgard.laser1", laser);
 * try (PyroServer server = new PyroServer(PyroServerConfig.defaults().withPort(0), targets)) {
 *     server.start();
 *     PyroUri uri = server.uri("asgard.laser1");
 *     ...
 * }
 * </pre>
 */
public final class PyroServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PyroServer.class.getName());
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final PyroServerConfig config;
    private final ObjectTable table;
    private final LockManager locks;
    private final Dispatcher dispatcher;
    private final MessageCodec codec;
    private final Serializers serializers = new Serializers();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private ServerSocket serverSocket;
    private ExecutorService connectionThreads;
    private ExecutorService onewayThreads;
    private Thread acceptor;
    private volatile boolean closed;

    public PyroServer(PyroServerConfig config, ObjectTable table) {
        this(config, table, new LockManager(config.lockLease()));
    }

    /** With a lock manager shared with others (for example the daemon's command line). */
    public PyroServer(PyroServerConfig config, ObjectTable table, LockManager locks) {
        this.config = config;
        this.table = table;
        this.locks = locks;
        this.codec = new MessageCodec(config.maxMessageSize());
        this.dispatcher = new Dispatcher(table, locks);
        this.dispatcher.daemon(new DaemonObject(this, dispatcher));
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
        connectionThreads = Executors.newCachedThreadPool(threads("pyro-" + port + "-conn-"));
        onewayThreads = Executors.newCachedThreadPool(threads("pyro-" + port + "-oneway-"));
        acceptor = threads("pyro-" + port + "-accept").newThread(this::acceptLoop);
        acceptor.start();
        LOG.log(Level.INFO, "Pyro5 endpoint listening on {0}:{1}", config.host(), String.valueOf(port));
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
            boolean reject = active.incrementAndGet() > config.maxConnections();
            Session session = new Session("c" + CONNECTION_IDS.incrementAndGet(), s.getInetAddress().getHostAddress());
            Connection c = new Connection(this, s, session, reject);
            connections.add(c);
            try {
                connectionThreads.execute(c);
            } catch (RuntimeException e) {
                closed(c);
                c.close();
            }
        }
    }

    void closed(Connection c) {
        if (connections.remove(c)) {
            active.decrementAndGet();
        }
        int released = locks.releaseAll(c.session().connection());
        if (released > 0) {
            LOG.log(Level.INFO, "connection {0} closed: released {1} lock(s)", c.session(), released);
        }
        c.session().clear();
    }

    void background(Runnable r) {
        onewayThreads.execute(r);
    }

    /** The port bound, once started. */
    public int port() {
        ServerSocket ss = serverSocket;
        if (ss == null) {
            throw new IllegalStateException("server not started");
        }
        return ss.getLocalPort();
    }

    /** The host written into URIs. */
    public String host() {
        if (config.advertisedHost() != null) {
            return config.advertisedHost();
        }
        try {
            InetAddress a = InetAddress.getByName(config.host());
            return a.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostAddress() : config.host();
        } catch (IOException e) {
            return config.host();
        }
    }

    /** The {@code PYRO:id@host:port} URI of an object served here. */
    public PyroUri uri(String objectId) {
        return PyroUri.of(objectId, host(), port());
    }

    public PyroServerConfig config() {
        return config;
    }

    public ObjectTable table() {
        return table;
    }

    /** The locks of this server's objects: holders, force-unlock. */
    public LockManager locks() {
        return locks;
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

    Dispatcher dispatcher() {
        return dispatcher;
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
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing server socket: {0}", e.getMessage());
        }
        connections.forEach(Connection::close);
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

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
