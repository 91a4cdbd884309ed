package org.pyrolab.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/**
 * Stands in front of a plain PyroServer the way a TLS or secret-checking server would, so the
 * client's side is tested without the server side of either: it terminates TLS (when given a
 * context) and reads each connection's CONNECT, records its handshake data and, when a secret is
 * required and the handshake differs, answers CONNECTFAIL as Pyro5 does; otherwise it forwards
 * the CONNECT and then every byte both ways.
 */
final class Relay implements AutoCloseable {

    static final String WRONG_SECRET = "wrong or missing lab secret";

    final List<Object> handshakes = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final int target;
    private final String secret;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final MessageCodec codec = new MessageCodec(16 << 20);
    private final SerpentSerializer serpent = new SerpentSerializer();

    /**
     * @param tls    null for plain TCP
     * @param secret null to accept any handshake
     */
    Relay(int target, SSLContext tls, String secret) throws IOException {
        this.target = target;
        this.secret = secret;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        listener = tls == null ? new ServerSocket(0, 50, loopback) : tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
        daemon(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                daemon(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            Message connect = codec.read(in); // over TLS this is where the handshake happens
            if (connect == null) {
                client.close();
                return;
            }
            Object handshake = ((Map<?, ?>) serpent.decode(connect.payload())).get("handshake");
            handshakes.add(handshake);
            if (secret != null && !secret.equals(handshake)) {
                client.getOutputStream().write(codec.encode(Message.replyTo(connect, Message.CONNECTFAIL, 0, serpent.encode(WRONG_SECRET))));
                client.close();
                return;
            }
            Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(server);
            server.getOutputStream().write(codec.encode(connect));
            InputStream fromServer = server.getInputStream();
            daemon(() -> pump(fromServer, client));
            pump(in, server);
        } catch (IOException e) {
            // a side went away, or the TLS handshake failed (the wrong-CA test): the client reports it
        } finally {
            closeQuietly(client);
        }
    }

    private static void pump(InputStream from, Socket to) {
        try (to) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = from.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // one side closed; closing the other ends the pair
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "relay");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
