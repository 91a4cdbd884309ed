package org.pyrolab.daemon.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.control.ExitCode;

/**
 * The loopback control port the {@code pyrolab} command talks to. Only a client that presents
 * the token from the owner-only token file gets a hearing; it sends its argument list, and the
 * command runs through Gogo. Serves once the shell's commands are registered, so the first
 * client never finds a command missing, and then publishes its port in the lockfile: a daemon
 * whose lockfile names a port is ready.
 *
 * <p>Every cost a peer can cause is bounded: {@link #MAX_CLIENTS} connections, each with one
 * {@link ControlChannel#MAX_HELLO} buffer and {@link #HELLO_DEADLINE_MS} from accept to a whole
 * hello; when the slots are full the connection that has waited longest for its hello makes room,
 * so slow or silent peers never lock out the real CLI.
 */
@Component(immediate = true, service = ControlServer.class)
public class ControlServer {
    private static final System.Logger LOG = System.getLogger("org.pyrolab.daemon.control");
    /** From accept to the last byte of the hello, in total: a trickling client cannot stretch it. */
    static final int HELLO_DEADLINE_MS = 2000;
    /** Open control connections; one more while all run commands is refused as busy. */
    static final int MAX_CLIENTS = 32;
    /** Refused connections kept open (for {@link #REFUSAL_LINGER_MS}) so their client can read why; beyond, closed at once. */
    private static final int MAX_REFUSING = 64;
    private static final int REFUSAL_LINGER_MS = 1000;

    /** The command whose arrival means the shell bundle's commands are registered. */
    private static final String SHELL_READY = "(&(osgi.command.scope=pyrolab)(osgi.command.function=status))";
    private static final String READY_COMMAND = "pyrolab:status";

    private final CommandProcessor processor;
    private final InstanceLock lock;
    private final ServerSocket server;
    private final byte[] token;
    private final PeerLog peers = new PeerLog(LOG);
    /** Two threads a slot: one serves the connection, one watches its input for the client leaving. */
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(2 * MAX_CLIENTS, 2 * MAX_CLIENTS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), named("pyrolab-control-client"));
    /** Closes refused connections once their client has had time to read the refusal. */
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(named("pyrolab-control-closer"));
    private final AtomicInteger refusing = new AtomicInteger();
    private final ControlSlots slots = new ControlSlots(MAX_CLIENTS);
    private Thread acceptor;
    private final ServiceTracker<Object, Object> shellReady;

    @Activate
    public ControlServer(BundleContext context, @Reference InstanceLock lock, @Reference CommandProcessor processor,
            @Reference Configuration configuration)
            throws IOException, InvalidSyntaxException {
        this.processor = processor;
        this.lock = lock;
        this.token = ControlToken.create(lock.files.token()).getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.allowCoreThreadTimeOut(true);
        // commands are plain objects of any class, so a DS reference (which filters on its interface) cannot wait for them
        this.shellReady = new ServiceTracker<>(context, context.createFilter(SHELL_READY), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                startWhenGogoHasTheCommands();
                return reference;
            }
        };
        shellReady.open(true);
    }

    /** Open control connections, this one's own included, for {@code status}. */
    public int clients() {
        return slots.size();
    }

    /**
     * Gogo registers its command processor before it starts tracking commands, so this component
     * (activated by that registration) can see the shell's command service before Gogo has taken
     * it in; the first command would then be "no command". Wait until Gogo resolves one.
     */
    private void startWhenGogoHasTheCommands() {
        if (GogoCommands.known(processor, READY_COMMAND)) {
            startServing();
            return;
        }
        try {
            closer.schedule(this::startWhenGogoHasTheCommands, 5, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
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
        threads.shutdownNow();
        closer.shutdownNow();
        // still under the instance lock (released after this component), so no newer daemon's token is removed
        ControlToken.delete(lock.files.token());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                ControlSlots.Slot client = new ControlSlots.Slot(server.accept(), HELLO_DEADLINE_MS);
                if (slots.take(client)) {
                    threads.execute(() -> serve(client));
                } else {
                    refuseBusy(client.socket);
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "control port accept failed", e);
            }
        }
    }

    /** All slots run commands: say so in one line, exit 1, and close once the client has had time to read it. */
    private void refuseBusy(Socket socket) {
        peers.warn(socket.getInetAddress(), "refused control connection from {0}: {1} commands are running",
                socket.getRemoteSocketAddress(), MAX_CLIENTS);
        if (refusing.incrementAndGet() > MAX_REFUSING) {
            refusing.decrementAndGet();
            close(socket);
            return;
        }
        try {
            // a few bytes into a new connection's empty send buffer: cannot block the acceptor
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            byte[] why = ControlChannel.busy(MAX_CLIENTS).getBytes(StandardCharsets.UTF_8);
            ControlChannel.writeFrame(out, ControlChannel.STDERR, why, 0, why.length);
            ControlChannel.writeExit(out, ExitCode.FAILED);
            socket.shutdownOutput();
        } catch (IOException e) {
            // the client is gone already
        }
        // closing now could reset the connection (its hello is unread) before the client reads the refusal
        try {
            closer.schedule(() -> {
                close(socket);
                refusing.decrementAndGet();
            }, REFUSAL_LINGER_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            close(socket);
        }
    }

    private void serve(ControlSlots.Slot client) {
        Socket socket = client.socket;
        try (socket) {
            socket.setTcpNoDelay(true);
            HelloReader.Greeting greeting;
            try {
                greeting = HelloReader.read(socket, client.helloDeadline);
            } catch (IOException e) {
                if (!socket.isClosed()) { // not evicted: this peer sent no valid hello
                    peers.warn(socket.getInetAddress(), "dropped control connection from {0}: {1}", socket.getRemoteSocketAddress(), e.getMessage());
                }
                return;
            }
            socket.setSoTimeout(0);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            Hello hello = greeting.hello;
            if (!MessageDigest.isEqual(token, hello.token.getBytes(StandardCharsets.US_ASCII))) {
                peers.warn(socket.getInetAddress(), "refused control connection from {0}: wrong token", socket.getRemoteSocketAddress());
                byte[] why = "pyrolab: refused: wrong control token (is this daemon yours?)\n".getBytes(StandardCharsets.UTF_8);
                ControlChannel.writeFrame(out, ControlChannel.STDERR, why, 0, why.length);
                ControlChannel.writeExit(out, ExitCode.FAILED);
                return;
            }
            if (!slots.admit(client)) {
                return;
            }
            synchronized (out) {
                ControlChannel.writeFrame(out, ControlChannel.ACCEPTED, new byte[0], 0, 0);
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(greeting.rest));
            CommandRunner runner = new CommandRunner(processor, out, hello);
            if (hello.interactive) {
                PipedInputStream stdin = new PipedInputStream(8192);
                PipedOutputStream feed = new PipedOutputStream(stdin);
                threads.execute(() -> watch(in, feed, runner, socket));
                if (hello.args.size() == 3 && hello.args.get(1).equals("--script")) {
                    runner.script(hello.args.get(2), stdin); // `shell -c LINE`, `shell FILE`: the text comes as input
                } else {
                    runner.shell(stdin, hello.args.equals(List.of("shell", "--terminal")));
                }
            } else if (hello.args.isEmpty()) {
                ControlChannel.writeExit(out, 0); // a ping: the daemon answers
            } else {
                threads.execute(() -> watch(in, null, runner, socket));
                runner.runOnce();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "control client went away: " + e.getMessage());
        } finally {
            slots.release(client);
        }
    }

    /**
     * Reads what the client sends while its command runs: input frames for a shell (into
     * {@code feed}), interrupt frames (Ctrl-C in a terminal shell; on any connection they only
     * interrupt a running command, if there is one), nothing else. End of stream, a reset or anything unexpected means
     * the client has gone (killed, Ctrl-C): the command is cancelled and the socket closed, so a
     * {@code logs -f} that writes nothing still frees its slot at once.
     */
    static void watch(DataInputStream in, PipedOutputStream feed, CommandRunner runner, Socket socket) {
        try {
            ControlChannel.Frame frame;
            while ((frame = ControlChannel.readFrame(in)) != null) {
                if (frame.type == ControlChannel.INTERRUPT) {
                    runner.interrupt(); // Ctrl-C: the running command ends, the connection stays
                } else if (feed != null && frame.type == ControlChannel.STDIN) {
                    feed.write(frame.data);
                    feed.flush();
                } else if (feed != null && frame.type == ControlChannel.STDIN_CLOSED) {
                    feed.close(); // end of input: the shell ends after its current command
                } else {
                    break;
                }
            }
        } catch (IOException e) {
            // reset, closed by the command's end, or a frame out of bounds: the client is gone either way
        } finally {
            close(feed);
            runner.cancel();
            close(socket);
        }
    }

    private static void close(java.io.Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
