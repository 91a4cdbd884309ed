package org.pyrolab.remote.server;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.remote.serial.ExceptionMapper;
import org.pyrolab.remote.serial.RemoteError;
import org.pyrolab.remote.serial.WireSerializer;
import org.pyrolab.remote.wire.Message;
import org.pyrolab.remote.wire.ProtocolException;

/**
 * Serves one client connection on its own thread: the CONNECT handshake, then INVOKE and PING
 * until the client closes. Anything that breaks the protocol closes this connection only.
 */
final class Connection implements Runnable {

    private static final System.Logger LOG = System.getLogger(PyroServer.class.getName());

    private final PyroServer server;
    private final Socket socket;
    private final Session session;
    private final boolean reject;
    private OutputStream out;

    Connection(PyroServer server, Socket socket, Session session, boolean reject) {
        this.server = server;
        this.socket = socket;
        this.session = session;
        this.reject = reject;
    }

    Session session() {
        return session;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            if (reject) {
                socket.setSoTimeout(2000);
            } else if (!server.config().idleTimeout().isZero()) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, server.config().idleTimeout().toMillis()));
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            WireSerializer ser = handshake(in);
            while (ser != null) {
                Message m = server.codec().read(in);
                if (m == null) {
                    break; // normal disconnect
                }
                switch (m.type()) {
                    case Message.INVOKE -> invoke(m);
                    case Message.PING -> pong(m);
                    default -> throw new ProtocolException("unexpected message type " + Message.typeName(m.type()));
                }
            }
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, "closing connection {0}: {1}", session, e.getMessage());
        } catch (EOFException e) {
            LOG.log(Level.WARNING, "closing connection {0}: truncated message", session);
        } catch (SocketTimeoutException e) {
            LOG.log(Level.INFO, "closing connection {0}: idle timeout", session);
        } catch (SocketException e) {
            LOG.log(Level.DEBUG, "connection {0} ended: {1}", session, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "closing connection " + session + " after an error", e);
        } finally {
            server.closed(this);
        }
    }

    /** Returns the connection's serializer, or null when the handshake ended the connection. */
    private WireSerializer handshake(InputStream in) throws IOException {
        Message m = server.codec().read(in);
        while (m != null && m.type() == Message.PING) {
            pong(m); // a liveness probe may ping before connecting
            m = server.codec().read(in);
        }
        if (m == null) {
            return null;
        }
        if (m.type() != Message.CONNECT) {
            throw new ProtocolException("expected CONNECT, got " + Message.typeName(m.type()));
        }
        WireSerializer ser = server.serializers().byId(m.serializer());
        if (ser == null) {
            throw new ProtocolException("unsupported serializer id " + m.serializer());
        }
        if (reject) {
            LOG.log(Level.WARNING, "refusing connection {0}: {1} connections open", session, server.config().maxConnections());
            send(Message.replyTo(m, Message.CONNECTFAIL, 0, ser.encode("server is busy: too many connections")));
            return null;
        }
        Object data;
        try {
            data = ser.decode(m.payload());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "refusing connection {0}: {1}", session, e.getMessage());
            send(Message.replyTo(m, Message.CONNECTFAIL, 0, ser.encode("invalid handshake data")));
            return null;
        }
        Object id = data instanceof Map<?, ?> d ? d.get("object") : null;
        Map<String, Object> meta = id instanceof String s ? server.dispatcher().metadata(s) : null;
        if (meta == null) {
            LOG.log(Level.INFO, "refusing connection {0}: unknown object {1}", session, id);
            send(Message.replyTo(m, Message.CONNECTFAIL, 0, ser.encode("unknown object")));
            return null;
        }
        send(Message.replyTo(m, Message.CONNECTOK, 0, ser.encode(DaemonObject.handshake(meta))));
        return ser;
    }

    private void invoke(Message m) throws IOException {
        WireSerializer ser = server.serializers().byId(m.serializer());
        if (ser == null) {
            throw new ProtocolException("unsupported serializer id " + m.serializer());
        }
        boolean oneway = m.has(Message.FLAG_ONEWAY);
        Invocation inv;
        try {
            inv = Invocation.from(ser.decode(m.payload()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bad INVOKE on {0}: {1}", session, e.getMessage());
            RemoteError err = e instanceof RemoteError r ? r : new RemoteError("Pyro5.errors.SerializeError", e.getMessage());
            if (!oneway) {
                reply(m, ser, ExceptionMapper.toDict(err, false), Message.FLAG_EXCEPTION);
            }
            return;
        }
        if (m.has(Message.FLAG_BATCH)) {
            if (oneway) {
                server.background(() -> batch(inv));
            } else {
                reply(m, ser, batch(inv), Message.FLAG_BATCH);
            }
        } else if (oneway) {
            // never reply to a oneway call, not even with an error; run it apart like Python does
            server.background(() -> {
                try {
                    server.dispatcher().call(session, inv.object(), inv.method(), inv.params(), inv.kwargs());
                } catch (Exception e) {
                    LOG.log(Level.INFO, "oneway call " + inv.method() + " on " + inv.object() + " failed", e);
                }
            });
        } else {
            Object result;
            int flags = 0;
            try {
                result = server.dispatcher().call(session, inv.object(), inv.method(), inv.params(), inv.kwargs());
            } catch (Exception | LinkageError | StackOverflowError e) {
                logFailure(inv.method(), e);
                result = ExceptionMapper.toDict(e, server.config().tracebacks());
                flags = Message.FLAG_EXCEPTION;
            }
            reply(m, ser, result, flags);
        }
    }

    /** Runs a batch in order; stops at the first exception, which goes in as an _ExceptionWrapper. */
    private List<Object> batch(Invocation inv) {
        List<Object> results = new ArrayList<>();
        for (Object call : inv.params()) {
            try {
                List<Object> c = Invocation.list(call);
                if (c.size() != 3 || !(c.get(0) instanceof String method)) {
                    throw new RemoteError("Pyro5.errors.ProtocolError", "invalid batch call");
                }
                results.add(server.dispatcher().call(session, inv.object(), method, Invocation.list(c.get(1)),
                        Invocation.kwargs(c.get(2))));
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
            LOG.log(Level.DEBUG, "call {0} on {1}: {2}", method, session, e.getMessage());
        } else {
            LOG.log(Level.INFO, "call " + method + " on " + session + " threw", e);
        }
    }

    private void reply(Message request, WireSerializer ser, Object value, int flags) throws IOException {
        byte[] payload;
        try {
            payload = ser.encode(value);
            if (payload.length > server.config().maxMessageSize()) {
                throw new RemoteError("Pyro5.errors.MessageTooLargeError", "result too large: " + payload.length + " bytes");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send the result to {0}: {1}", session, e.getMessage());
            RemoteError err = e instanceof RemoteError r ? r
                    : new RemoteError("Pyro5.errors.SerializeError", "cannot serialize the result: " + e.getMessage());
            payload = ser.encode(ExceptionMapper.toDict(err, false));
            flags = Message.FLAG_EXCEPTION;
        }
        send(Message.replyTo(request, Message.RESULT, flags, payload));
    }

    private void pong(Message m) throws IOException {
        server.locks().renew(null, session.connection()); // a Pyro PING is a keep-alive too
        send(Message.replyTo(m, Message.PING, 0, "pong".getBytes(StandardCharsets.US_ASCII)));
    }

    private void send(Message m) throws IOException {
        byte[] bytes = server.codec().encode(m);
        synchronized (this) {
            out.write(bytes); // one write per message
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing {0}: {1}", session, e.getMessage());
        }
    }
}
