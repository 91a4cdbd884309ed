package org.pyrolab.pyro5.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.serial.WireSerializer;
import org.pyrolab.pyro5.tls.TlsFiles;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MemoryBudget;
import org.pyrolab.pyro5.wire.MessageCodec;
import org.pyrolab.pyro5.wire.SocketInput;

/**
 * The smallest Pyro5 client: one connection to one object, positional calls in serpent. Enough
 * for {@code nslist} and for registering on another computer's name server. Replies are read
 * within the message limit and the timeout like any other hostile input.
 */
public final class PyroClient implements AutoCloseable {

    private final Socket socket;
    private final SocketInput in;
    private final MessageCodec codec = new MessageCodec(16 << 20);
    private final WireSerializer ser = new SerpentSerializer();
    private final String object;
    private int seq;

    /** Plain TCP with the default handshake. */
    public PyroClient(String host, int port, String object, int timeoutMillis) throws IOException {
        this(host, port, object, ClientOptions.plain(timeoutMillis));
    }

    public PyroClient(String host, int port, String object, ClientOptions options) throws IOException {
        this.object = object;
        int timeoutMillis = options.timeoutMillis();
        Socket plain = new Socket();
        Socket s = plain;
        try {
            try {
                plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (IOException e) {
                throw new IOException("nothing answers at " + host + ":" + port + " (" + e.getMessage() + ")", e);
            }
            plain.setTcpNoDelay(true);
            if (options.tls() != null) {
                s = secure(plain, host, port, options.tls(), timeoutMillis);
            }
            this.socket = s;
            // the wait for a reply and the reply itself are each bounded by the timeout
            in = new SocketInput(s, timeoutMillis, timeoutMillis * 1_000_000L);
            Message reply = exchange(Message.CONNECT, Map.of("handshake", options.handshake(), "object", object));
            if (reply.type() != Message.CONNECTOK) {
                throw new IOException("connection refused by " + host + ":" + port + ": " + ser.decode(reply.payload()));
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            plain.close();
            throw e;
        }
    }

    /** TLS over the connected socket, checking that the certificate names {@code host} as Python's ssl module does. */
    private static SSLSocket secure(Socket plain, String host, int port, SSLContext context, int timeoutMillis) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(TlsFiles.PROTOCOLS.clone());
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            throw new IOException("TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
        return tls;
    }

    /** Calls {@code method} with positional arguments; a remote exception becomes an IOException with its message. */
    public Object call(String method, Object... args) throws IOException {
        seq = (seq + 1) & 0xffff;
        Message reply = exchange(Message.INVOKE, new Object[] {object, method, args, Map.of()});
        Object value = ser.decode(reply.payload());
        if (reply.has(Message.FLAG_EXCEPTION)) {
            throw new IOException(describe(value));
        }
        return value;
    }

    private Message exchange(int type, Object payload) throws IOException {
        socket.getOutputStream().write(codec.encode(new Message(type, ser.id(), 0, seq, null, null, ser.encode(payload))));
        Message reply;
        try (MemoryBudget.Reservation r = MemoryBudget.unlimited().open()) {
            reply = codec.read(in, r, in::arm); // bounded by the message limit
        } finally {
            in.disarm();
        }
        if (reply == null) {
            throw new IOException("the other side closed the connection");
        }
        return reply;
    }

    /** "NamingError: unknown name: x" from a Pyro exception dict. */
    private static String describe(Object error) {
        if (error instanceof Map<?, ?> m) {
            String cls = String.valueOf(m.get("__class__"));
            Object args = m.get("args");
            List<?> list = args instanceof Object[] a ? Arrays.asList(a) : args instanceof List<?> l ? l : List.of();
            String message = list.isEmpty() ? "" : String.valueOf(list.get(0));
            return cls.substring(cls.lastIndexOf('.') + 1) + ": " + message;
        }
        return String.valueOf(error);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
