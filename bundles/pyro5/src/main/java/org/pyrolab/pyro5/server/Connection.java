package org.pyrolab.pyro5.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.pyro5.serial.ExceptionMapper;
import org.pyrolab.pyro5.serial.RemoteError;
import org.pyrolab.pyro5.serial.WireSerializer;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.ProtocolException;
import org.pyrolab.pyro5.wire.RefusedMessageException;
import org.pyrolab.pyro5.wire.SlowSenderException;
import org.pyrolab.pyro5.wire.SocketInput;

/**
 * One client connection: the CONNECT handshake, then INVOKE and PING until the client closes.
 * Anything that breaks the protocol closes this connection only. Calls run on the reading thread;
 * when one outlives its timeout, the client is answered with a TimeoutError and a new thread
 * takes over reading, so a hung driver holds one thread, not the connection.
 */
final class Connection implements Runnable {

    private static final System.Logger LOG = System.getLogger(PyroServer.class.getName());

    private enum Next { CONTINUE, CLOSE, HANDED_OVER }

    /** The CONNECTFAIL reason for a client without the secret; Python raises it as CommunicationError. */
    static final String SECRET_NEEDED = "this endpoint needs the lab secret: set proxy._pyroHandshake = <the secret> in Python"
            + " (Pyrolite: proxy.pyroHandshake), before the first call";

    private final PyroServer server;
    private final Socket socket;
    final Peer peer;
    private SocketInput in;
    private OutputStream out;
    /** Fixed by the CONNECT; null until then. */
    private WireSerializer serializer;

    /** Waiting for the client (between messages, or while one arrives) rather than running its call. */
    private volatile boolean waitingForPeer = true;
    /** When the last whole message arrived (or the connection was accepted): eviction picks the oldest. */
    private volatile long lastMessageNanos = System.nanoTime();

    private final RunningCall running = new RunningCall();
    /** Made once: every message's reservation gets it (a method reference would be a new object each time). */
    private final Runnable evict = this::evicted;

    Connection(PyroServer server, Socket socket, Peer peer) {
        this.server = server;
        this.socket = socket;
        this.peer = peer;
    }

    boolean waitingForPeer() {
        return waitingForPeer;
    }

    long lastMessageNanos() {
        return lastMessageNanos;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            // TLS is shaken hands here, on this connection's thread, never on the acceptor's
            Socket io = server.config().tls() == null ? socket : TlsHandshake.run(server, socket, peer);
            if (io == null) {
                finish();
                return;
            }
            in = new SocketInput(io, (int) Math.min(Integer.MAX_VALUE, server.config().idleTimeout().toMillis()),
                    server.config().messageDeadline().toNanos());
            out = io.getOutputStream();
        } catch (IOException e) {
            finish();
            return;
        }
        serve();
    }

    /** Reads and answers messages until the client leaves, or until another thread takes over. */
    void serve() {
        Next next = Next.CONTINUE;
        try {
            while (next == Next.CONTINUE) {
                try (MemoryBudget.Reservation r = server.budget().open(evict)) {
                    waitingForPeer = true;
                    Message m = server.codec().read(in, r, in::arm);
                    in.disarm();
                    if (m == null) {
                        return; // a normal disconnect
                    }
                    lastMessageNanos = System.nanoTime();
                    waitingForPeer = false;
                    next = handle(m);
                }
            }
        } catch (RefusedMessageException e) {
            server.refusals().warn(peer.host(), "refused a message on " + peer.id() + ": " + e.getMessage());
            refuse(e);
        } catch (SlowSenderException e) {
            server.refusals().warn(peer.host(), "closed " + peer.id() + ": " + e.getMessage());
        } catch (ProtocolException e) {
            server.refusals().warn(peer.host(), "closed " + peer.id() + ": " + LogText.escape(e.getMessage()));
        } catch (EOFException e) {
            server.refusals().warn(peer.host(), "closed " + peer.id() + ": truncated message");
        } catch (SocketTimeoutException e) {
            LOG.log(Level.INFO, "closing connection {0}: idle timeout", peer);
        } catch (SocketException e) {
            LOG.log(Level.DEBUG, "connection {0} ended: {1}", peer, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "closing connection " + peer + " after an error", e);
        } finally {
            if (next != Next.HANDED_OVER) {
                finish();
            }
        }
    }

    /** Its stalled message was evicted to make room in the memory budget. */
    private void evicted() {
        server.refusals().warn(peer.host(), "closed " + peer.id() + ": its message stalled while others needed the memory it held");
        close();
    }

    private Next handle(Message m) throws IOException {
        if (m.type() == Message.PING) {
            pong(m);
            return Next.CONTINUE;
        }
        if (serializer == null) {
            return handshake(m);
        }
        if (m.type() != Message.INVOKE) {
            throw new ProtocolException("unexpected message type " + Message.typeName(m.type()));
        }
        return invoke(m);
    }

    private Next handshake(Message m) throws IOException {
        if (m.type() != Message.CONNECT) {
            throw new ProtocolException("expected CONNECT, got " + Message.typeName(m.type()));
        }
        WireSerializer ser = server.serializers().byId(m.serializer());
        if (ser == null) {
            throw new ProtocolException("unsupported serializer id " + m.serializer());
        }
        Object data;
        try {
            data = ser.decode(m.payload());
        } catch (IllegalArgumentException e) {
            server.refusals().warn(peer.host(), "refused connection " + peer.id() + ": " + LogText.escape(e.getMessage()));
            send(Message.replyTo(m, Message.CONNECTFAIL, 0, ser.encode("invalid handshake data")));
            return Next.CLOSE;
        }
        Object handshake = data instanceof Map<?, ?> h ? h.get("handshake") : null;
        LabSecret secret = server.config().secret();
        boolean secretGiven = secret == null || secret.matches(handshake);
        if (!secretGiven && !server.objects().admitsWithoutSecret()) {
            // nothing else for a peer without the secret: no metadata, no calls
            server.refusals().warn(peer.host(), "refused connection " + peer.id() + ": its handshake lacks the lab secret");
            send(Message.replyTo(m, Message.CONNECTFAIL, 0, ser.encode(SECRET_NEEDED)));
            return Next.CLOSE;
        }
        peer.secretGiven(secretGiven);
        peer.identity(LabSecret.identity(handshake));
        Object id = data instanceof Map<?, ?> d ? d.get("object") : null;
        ObjectMetadata meta = id instanceof String s ? server.metadata(s) : null;
        if (meta == null) {
            LOG.log(Level.INFO, "refusing connection {0}: unknown object {1}", peer, LogText.escape(id));
            send(Message.replyTo(m, Message.CONNECTFAIL, 0, ser.encode("unknown object")));
            return Next.CLOSE;
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("handshake", "hello");
        ok.put("meta", meta.toDict());
        send(Message.replyTo(m, Message.CONNECTOK, 0, ser.encode(ok)));
        serializer = ser;
        return Next.CONTINUE;
    }

    private Next invoke(Message m) throws IOException {
        WireSerializer ser = server.serializers().byId(m.serializer());
        if (ser == null) {
            throw new ProtocolException("unsupported serializer id " + m.serializer());
        }
        boolean oneway = m.has(Message.FLAG_ONEWAY);
        Call c;
        try {
            c = Call.from(ser.decode(m.payload()));
        } catch (RuntimeException e) {
            server.refusals().warn(peer.host(), "bad INVOKE on " + peer.id() + ": " + LogText.escape(e.getMessage()));
            RemoteError err = e instanceof RemoteError r ? r : new RemoteError("Pyro5.errors.SerializeError", e.getMessage());
            if (!oneway) {
                reply(m, ser, ExceptionMapper.toDict(err, false), Message.FLAG_EXCEPTION);
            }
            return Next.CONTINUE;
        }
        boolean batch = m.has(Message.FLAG_BATCH);
        if (oneway) {
            // never reply to a oneway call, not even with an error; run it apart like Python does
            server.oneway(peer, () -> {
                if (batch) {
                    batch(c);
                } else {
                    try {
                        server.invoke(peer, c);
                    } catch (Exception e) {
                        LOG.log(Level.INFO, "oneway call " + LogText.escape(c.method()) + " on " + LogText.escape(c.object()) + " failed", e);
                    }
                }
            });
            return Next.CONTINUE;
        }
        RemoteError busy = server.hungCalls().refusal(c.object());
        if (busy != null) {
            reply(m, ser, ExceptionMapper.toDict(busy, false), Message.FLAG_EXCEPTION);
            return Next.CONTINUE;
        }
        running.begin(m, c, server.callTimeout(c.object()));
        Object result;
        int flags = batch ? Message.FLAG_BATCH : 0;
        try {
            result = batch ? batch(c) : server.invoke(peer, c);
        } catch (Exception | LinkageError | StackOverflowError e) {
            logFailure(c.method(), e);
            result = ExceptionMapper.toDict(e, server.config().tracebacks());
            flags = Message.FLAG_EXCEPTION;
        }
        if (!running.end()) {
            server.hungCalls().ended(c.object()); // its client was answered long ago; another thread reads now
            return Next.HANDED_OVER;
        }
        reply(m, ser, result, flags);
        return Next.CONTINUE;
    }

    /** Called by the server's watchdog: gives up on a call past its deadline. */
    void checkCallTimeout(long now) {
        RunningCall.Expired expired = running.expire(now);
        if (expired == null) {
            return;
        }
        Call c = expired.call();
        Duration limit = expired.limit();
        server.hungCalls().started(c.object());
        LOG.log(Level.WARNING, "call {0}.{1} from {2} still runs after {3}; its client gets a TimeoutError",
                LogText.escape(c.object()), LogText.escape(c.method()), peer, limit);
        RemoteError timeout = new RemoteError("Pyro5.errors.TimeoutError", "call to " + c.object() + "." + c.method()
                + " did not finish within " + seconds(limit) + "; it goes on in the daemon (raise the service's call_timeout if it needs longer)");
        try {
            reply(expired.request(), serializer, ExceptionMapper.toDict(timeout, false), Message.FLAG_EXCEPTION);
            server.takeOver(this);
        } catch (IOException | RuntimeException e) {
            close();
            finish();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** Runs a batch in order; stops at the first exception, which goes in as an _ExceptionWrapper. */
    private List<Object> batch(Call c) {
        List<Object> results = new ArrayList<>();
        for (Object one : c.params()) {
            try {
                List<Object> parts = Call.list(one);
                if (parts.size() != 3 || !(parts.get(0) instanceof String method)) {
                    throw new RemoteError("Pyro5.errors.ProtocolError", "invalid batch call");
                }
                results.add(server.invoke(peer, new Call(c.object(), method, Call.list(parts.get(1)), Call.kwargs(parts.get(2)))));
            } catch (Exception e) {
                logFailure("<batch>", e);
                Map<String, Object> wrapper = new LinkedHashMap<>();
                wrapper.put("__class__", "Pyro5.core._ExceptionWrapper");
                wrapper.put("exception", ExceptionMapper.toDict(e, server.config().tracebacks()));
                results.add(wrapper);
                break;
            }
        }
        return results;
    }

    private void logFailure(String method, Throwable e) {
        if (e instanceof RemoteError) {
            LOG.log(Level.DEBUG, "call {0} on {1}: {2}", LogText.escape(method), peer, LogText.escape(e.getMessage()));
        } else {
            LOG.log(Level.INFO, "call " + LogText.escape(method) + " on " + peer + " threw", e);
        }
    }

    private void reply(Message request, WireSerializer ser, Object value, int flags) throws IOException {
        byte[] payload;
        try {
            payload = ser.encode(value);
            if (payload.length > server.config().maxMessageSize()) {
                throw new RemoteError("Pyro5.errors.MessageTooLargeError", "result too large: " + payload.length
                        + " bytes, limit " + server.config().maxMessageSize());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send the result to {0}: {1}", peer, LogText.escape(e.getMessage()));
            RemoteError err = e instanceof RemoteError r ? r
                    : new RemoteError("Pyro5.errors.SerializeError", "cannot serialize the result: " + e.getMessage());
            payload = ser.encode(ExceptionMapper.toDict(err, false));
            flags = Message.FLAG_EXCEPTION;
        }
        send(Message.replyTo(request, Message.RESULT, flags, payload));
    }

    /** A refused message still gets a Pyro5 answer when its serializer is one we speak. */
    private void refuse(RefusedMessageException e) {
        WireSerializer ser = server.serializers().byId(e.serializer());
        if (ser == null) {
            return;
        }
        Message request = new Message(e.type(), e.serializer(), 0, e.seq(), null, null, null);
        try {
            if (serializer == null) {
                send(Message.replyTo(request, Message.CONNECTFAIL, 0, ser.encode(e.getMessage())));
            } else {
                RemoteError err = new RemoteError("Pyro5.errors.MessageTooLargeError", e.getMessage());
                send(Message.replyTo(request, Message.RESULT, Message.FLAG_EXCEPTION, ser.encode(ExceptionMapper.toDict(err, false))));
            }
        } catch (IOException | RuntimeException x) {
            LOG.log(Level.DEBUG, "could not tell {0} why: {1}", peer, x.getMessage());
        }
    }

    private void pong(Message m) throws IOException {
        server.pinged(peer);
        send(Message.replyTo(m, Message.PING, 0, "pong".getBytes(StandardCharsets.US_ASCII)));
    }

    private void send(Message m) throws IOException {
        byte[] bytes = server.codec().encode(m);
        waitingForPeer = true; // before the client can see the answer: from now on it is the client's turn
        synchronized (this) {
            out.write(bytes); // one write per message
        }
    }

    private void finish() {
        close();
        server.closed(this);
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing {0}: {1}", peer, e.getMessage());
        }
    }
}
