package org.pyrolab.pyro5.ns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.pyrolab.pyro5.serial.PyroUri;

/**
 * Answers the UDP datagram {@code GET_NSURI} with the name server's URI (ISO-8859-1, at most 100
 * bytes, sent back to the sender), which is how {@code locate_ns()} and Pyrolite's
 * {@code locateNS(null)} find a name server. Other datagrams are ignored. When bound to a
 * wildcard address the URI names the local address that faces the requester.
 */
public final class BroadcastResponder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BroadcastResponder.class.getName());
    private static final byte[] REQUEST = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);

    private final DatagramSocket socket;
    private final PyroUri nsUri;
    private final boolean wildcard;
    private final Thread thread;

    /** Binds {@code host:port} and starts answering on a daemon thread. */
    public BroadcastResponder(String host, int port, PyroUri nsUri) throws IOException {
        InetAddress addr = InetAddress.getByName(host);
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(addr, port));
        } catch (SocketException e) {
            socket.close();
            throw new IOException("cannot bind broadcast responder to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        this.nsUri = nsUri;
        this.wildcard = addr.isAnyLocalAddress();
        this.thread = new Thread(this::loop, "pyro-ns-broadcast-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void loop() {
        byte[] buf = new byte[100];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                if (p.getLength() == REQUEST.length && Arrays.equals(REQUEST, 0, REQUEST.length, buf, 0, REQUEST.length)) {
                    byte[] reply = uriFor(p.getAddress()).getBytes(StandardCharsets.ISO_8859_1);
                    socket.send(new DatagramPacket(reply, Math.min(reply.length, 100), p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "broadcast responder: {0}", e.getMessage());
                }
            }
        }
    }

    private String uriFor(InetAddress requester) {
        if (!wildcard) {
            return nsUri.toString();
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(requester, 9); // no packet is sent: this only asks the routing table
            String local = probe.getLocalAddress().getHostAddress();
            return new PyroUri(nsUri.protocol(), nsUri.object(), local, nsUri.port()).toString();
        } catch (IOException e) {
            return nsUri.toString();
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
