package org.pyrolab.daemon.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The loopback control port the {@code pyrolab} command talks to. Only a client that presents
 * the token from the owner-only token file gets a hearing; it sends its argument list, and the
 * command runs through Gogo. Serves once the shell's commands are registered, so the first
 * client never finds a command missing, and then publishes its port in the lockfile: a daemon
 * whose lockfile names a port is ready.
 */
@Component(immediate = true)
public class ControlServer {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.control");
    /** A client gets this long to say hello; one that sends nothing or garbage is dropped. */
    private static final int HELLO_TIMEOUT_MS = 5000;
    private static final int MAX_CLIENTS = 32;

    /** The command whose arrival means the shell bundle's commands are registered. */
    private static final String SHELL_READY = "(&(osgi.command.scope=pyrolab)(osgi.command.function=status))";

    private final CommandProcessor processor;
    private final InstanceLock lock;
    private final ServerSocket server;
    private final byte[] token;
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pyrolab-control-client");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private Thread acceptor;
    private final ServiceTracker<Object, Object> shellReady;

    @Activate
    public ControlServer(BundleContext context, @Reference InstanceLock lock, @Reference CommandProcessor processor,
            @Reference Configuration configuration)
            throws IOException, InvalidSyntaxException {
        this.processor = processor;
        this.lock = lock;
        this.token = ControlToken.create(lock.files.data).getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // commands are plain objects of any class, so a DS reference (which filters on its interface) cannot wait for them
        this.shellReady = new ServiceTracker<>(context, context.createFilter(SHELL_READY), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                startServing();
                return reference;
            }
        };
        shellReady.open(true);
    }

    /** Starts serving once the shell's commands are there: a lockfile naming a port means a ready daemon. */
    private synchronized void startServing() {
        if (acceptor != null) {
            return;
        }
        acceptor = new Thread(this::acceptLoop, "pyrolab-control");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            lock.publish(server.getLocalPort());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot write the lockfile", e);
        }
    }

    @Deactivate
    void close() throws IOException {
        shellReady.close();
        server.close();
        clients.shutdownNow();
        // still under the instance lock (released after this component), so no newer daemon's token is removed
        ControlToken.delete(lock.files.data);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!slots.tryAcquire()) {
                    LOG.log(System.Logger.Level.WARNING, "refused control connection: {0} clients already connected", MAX_CLIENTS);
                    socket.close();
                    continue;
                }
                clients.execute(() -> {
                    try (socket) {
                        serve(socket);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "control client went away: " + e.getMessage());
                    } finally {
                        slots.release();
                    }
                });
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "control port accept failed", e);
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(HELLO_TIMEOUT_MS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        Hello hello;
        try {
            hello = Hello.readFrom(in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "dropped control connection from {0}: {1}", socket.getRemoteSocketAddress(),
                    e.getMessage() == null ? "no valid hello" : e.getMessage());
            return;
        }
        if (!MessageDigest.isEqual(token, hello.token.getBytes(StandardCharsets.US_ASCII))) {
            LOG.log(System.Logger.Level.WARNING, "refused control connection from {0}: wrong token", socket.getRemoteSocketAddress());
            byte[] why = "pyrolab: refused: wrong control token (is this daemon yours?)\n".getBytes(StandardCharsets.UTF_8);
            ControlChannel.writeFrame(out, ControlChannel.STDERR, why, 0, why.length);
            ControlChannel.writeExit(out, org.pyrolab.control.ExitCode.FAILED);
            return;
        }
        socket.setSoTimeout(0);
        synchronized (out) {
            ControlChannel.writeFrame(out, ControlChannel.ACCEPTED, new byte[0], 0, 0);
        }
        CommandRunner runner = new CommandRunner(processor, out, hello);
        if (hello.interactive) {
            runner.shell(stdinOf(in));
        } else if (hello.args.isEmpty()) {
            ControlChannel.writeExit(out, 0); // a ping: the daemon answers
        } else {
            runner.runOnce();
        }
    }

    /** The client's keyboard in an interactive shell, fed by its input frames. */
    private static InputStream stdinOf(DataInputStream in) throws IOException {
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(8192);
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream(stdin);
        Thread reader = new Thread(() -> {
            try (feed) {
                ControlChannel.Frame frame;
                while ((frame = ControlChannel.readFrame(in)) != null && frame.type == ControlChannel.STDIN) {
                    feed.write(frame.data);
                    feed.flush();
                }
            } catch (IOException e) {
                // the client left; the shell sees end of input
            }
        }, "pyrolab-shell-input");
        reader.setDaemon(true);
        reader.start();
        return stdin;
    }
}
