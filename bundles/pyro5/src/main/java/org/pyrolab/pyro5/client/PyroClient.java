package org.pyrolab.pyro5.client;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.serial.WireSerializer;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;
import org.pyrolab.pyro5.wire.ProtocolException;
import org.pyrolab.pyro5.wire.RefusedMessageException;
import org.pyrolab.pyro5.wire.SlowSenderException;
import org.pyrolab.pyro5.wire.SocketInput;

/**
 * A Pyro5 client connection to one object, in serpent: the CONNECT (with the handshake data and,
 * over TLS, from the first byte), then calls with positional and keyword arguments, oneway calls,
 * attribute reads and writes, and PINGs. Replies are read like any other hostile input: within the
 * message limit, each within the timeout from its first byte, and checked to answer the request
 * (type and seq). One exchange at a time: a thread's call waits for another's to finish. After any
 * failure other than a remote error the connection is closed, since the stream may be mid-message.
 */
public final class PyroClient implements AutoCloseable {

    private final Socket socket;
    private final String object;
    private final String where;
    private final ClientOptions options;
    private final MessageCodec codec;
    private final WireSerializer ser = new SerpentSerializer();
    private final RemoteMetadata metadata;
    private SocketInput in;
    /** How long the current SocketInput lets a reply take to begin. */
    private int waitMillis;
    private int seq;

    /** Plain TCP with the default handshake; every wait bounded by {@code timeoutMillis}. */
    public PyroClient(String host, int port, String object, int timeoutMillis) throws IOException {
        this(host, port, object, ClientOptions.plain(timeoutMillis));
    }

    /**
     * Connects and sends the CONNECT.
     *
     * @throws PyroRemoteException of class {@code Pyro5.errors.CommunicationError} when the server
     *                             refuses the connection (CONNECTFAIL: unknown object, wrong secret)
     * @throws IOException         when nothing answers, TLS fails or the answer is not Pyro5
     */
    public PyroClient(String host, int port, String object, ClientOptions options) throws IOException {
        this.object = object;
        this.where = host + ":" + port;
        this.options = options;
        this.codec = new MessageCodec(options.maxMessageSize());
        this.socket = ClientSockets.open(host, port, options);
        try {
            // the CONNECT's answer is bounded by the connect timeout; later replies wait replyWaitMillis to begin
            waitMillis = options.timeoutMillis();
            in = new SocketInput(socket, waitMillis, options.timeoutMillis() * 1_000_000L);
            Message reply = exchange(Message.CONNECT, ser.id(), 0, ser.encode(Map.of("handshake", options.handshake(), "object", object)));
            if (reply.type() == Message.CONNECTFAIL) {
                throw new PyroRemoteException(PyroRemoteException.COMMUNICATION_ERROR,
                        "connection to " + where + " rejected: " + decode(reply), null);
            }
            expect(reply, Message.CONNECTOK);
            Object ok = decode(reply);
            metadata = RemoteMetadata.of(ok instanceof Map<?, ?> m ? m.get("meta") : null);
            if (in.available() > 0) {
                throw new ProtocolException("unexpected bytes after CONNECTOK from " + where);
            }
            waitMillis = options.replyWaitMillis();
            in = new SocketInput(socket, waitMillis, options.timeoutMillis() * 1_000_000L);
        } catch (IOException e) {
            socket.close();
            throw e instanceof PyroRemoteException || e instanceof ProtocolException ? e : ClientSockets.refusedAfterHandshake(socket, where, e);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** What the CONNECTOK said about the object. */
    public RemoteMetadata metadata() {
        return metadata;
    }

    /** Calls {@code method} with positional arguments. */
    public Object call(String method, Object... args) throws IOException {
        return call(method, args, Map.of());
    }

    /**
     * Calls {@code method}.
     *
     * @throws PyroRemoteException when the call raised, with its Python class, message and traceback
     */
    public synchronized Object call(String method, Object[] args, Map<String, ?> kwargs) throws IOException {
        Message reply = invoke(method, args, kwargs, 0);
        expect(reply, Message.RESULT);
        if (reply.has(Message.FLAG_ITEMSTREAMRESULT)) {
            throw broken(new ProtocolException(method + " returned an item stream, which this client does not read; return a list"));
        }
        Object value = decode(reply);
        if (reply.has(Message.FLAG_EXCEPTION)) {
            throw PyroRemoteException.of(value);
        }
        return value;
    }

    /** Sends a oneway call (flag ONEWAY): the server runs it and never answers, not even with an error. */
    public synchronized void callOneway(String method, Object[] args, Map<String, ?> kwargs) throws IOException {
        invoke(method, args, kwargs, Message.FLAG_ONEWAY);
    }

    /** Reads an attribute, as Pyro5's {@code __getattr__}. */
    public Object getAttribute(String name) throws IOException {
        return call("__getattr__", new Object[] {name}, Map.of());
    }

    /** Writes an attribute, as Pyro5's {@code __setattr__}. */
    public void setAttribute(String name, Object value) throws IOException {
        call("__setattr__", new Object[] {name, value}, Map.of());
    }

    /** A protocol-level PING: a round trip to the server without calling the object (PyroLab renews this connection's locks). */
    public synchronized void ping() throws IOException {
        seq = (seq + 1) & 0xffff;
        expect(exchange(Message.PING, Message.SERIALIZER_PING, 0, "ping".getBytes(StandardCharsets.US_ASCII)), Message.PING);
    }

    /** Whether the connection can still be used: false after a failure or {@link #close()}. */
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private Message invoke(String method, Object[] args, Map<String, ?> kwargs, int flags) throws IOException {
        seq = (seq + 1) & 0xffff; // Pyro5 counts oneway calls too
        Object[] call = {object, method, args == null ? new Object[0] : args, kwargs == null ? Map.of() : kwargs};
        byte[] payload = ser.encode(call); // before anything is sent: a value that cannot be written leaves the connection as it was
        return exchange(Message.INVOKE, ser.id(), flags, payload);
    }

    /** Sends one message and, unless it is oneway, reads the answer. */
    private Message exchange(int type, int serializer, int flags, byte[] payload) throws IOException {
        if (socket.isClosed()) {
            throw new IOException("the connection to " + where + " is closed");
        }
        try {
            socket.getOutputStream().write(codec.encode(new Message(type, serializer, flags, seq, null, null, payload)));
            if ((flags & Message.FLAG_ONEWAY) != 0) {
                return null;
            }
            return read();
        } catch (IOException e) {
            throw broken(e);
        } catch (RuntimeException e) {
            broken(null);
            throw e;
        }
    }

    private Message read() throws IOException {
        Message reply;
        try (MemoryBudget.Reservation r = MemoryBudget.unlimited().open()) {
            reply = codec.read(in, r, in::arm); // within the message limit and the deadline from its first byte
        } catch (SlowSenderException e) {
            throw new SlowSenderException("the reply from " + where + " did not arrive whole within "
                    + options.timeoutMillis() + " ms of its first byte");
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no reply from " + where + " within " + waitMillis + " ms");
        } catch (RefusedMessageException e) {
            throw new ProtocolException("the reply from " + where + " is larger than this client accepts: " + e.getMessage(), e);
        } finally {
            in.disarm();
        }
        if (reply == null) {
            throw new IOException(where + " closed the connection");
        }
        if (reply.seq() != seq) {
            throw new ProtocolException("reply out of sequence from " + where + ": seq " + reply.seq() + ", expected " + seq);
        }
        return reply;
    }

    private void expect(Message reply, int type) throws IOException {
        if (reply.type() != type) {
            throw broken(new ProtocolException("expected " + Message.typeName(type) + " from " + where + ", got " + Message.typeName(reply.type())));
        }
        if (type != Message.PING && reply.serializer() != ser.id()) {
            throw broken(new ProtocolException("reply from " + where + " in serializer " + reply.serializer() + ", expected " + ser.id()));
        }
    }

    private Object decode(Message reply) throws IOException {
        try {
            return ser.decode(reply.payload());
        } catch (IllegalArgumentException e) {
            throw broken(new ProtocolException("unreadable reply from " + where + ": " + e.getMessage(), e));
        }
    }

    /** Closes the connection, whose stream may be mid-message, and gives the failure back to throw. */
    private IOException broken(IOException e) {
        try {
            socket.close();
        } catch (IOException closing) {
            if (e != null) {
                e.addSuppressed(closing);
            }
        }
        return e;
    }
}
