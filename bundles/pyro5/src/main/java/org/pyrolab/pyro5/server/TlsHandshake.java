package org.pyrolab.pyro5.server;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The server side of the TLS handshake of one connection. It runs on the connection's thread and
 * must be over within the message deadline, counted from its start: a client that sends its
 * hello a byte at a time, or nothing, is closed then, like a slow Pyro5 message. A failure is
 * logged (rate-limited) and ends this connection only.
 */
final class TlsHandshake {

    private TlsHandshake() {
    }

    /** The TLS socket over {@code plain} after a good handshake, or null when it failed (already logged). */
    static SSLSocket run(PyroServer server, Socket plain, Peer peer) throws IOException {
        long deadline = server.config().messageDeadline().toMillis();
        SSLSocket tls = server.config().tls().layer(plain);
        // a total, not per read: closing the socket ends a handshake that trickles
        ScheduledFuture<?> timer = server.timers().schedule(() -> closeQuietly(plain), deadline, TimeUnit.MILLISECONDS);
        try {
            tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, deadline));
            tls.startHandshake();
        } catch (IOException e) {
            boolean late = timer.isDone() && !timer.isCancelled();
            server.refusals().warn(peer.host(), "closed " + peer.id() + ": TLS handshake failed: "
                    + (late ? "not finished within " + deadline + " ms" : LogText.escape(e.getMessage()))
                    + " (a plain-TCP client, or a certificate that does not fit?)");
            return null;
        } finally {
            timer.cancel(false);
        }
        tls.setSoTimeout(0); // SocketInput sets its own timeouts from here on
        peer.clientCertificate(clientCertificate(tls));
        return tls;
    }

    private static X509Certificate clientCertificate(SSLSocket tls) {
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException none) {
            return null; // the client presented no certificate, which the settings allowed
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing to end a handshake that took too long; nothing more to do
        }
    }
}
