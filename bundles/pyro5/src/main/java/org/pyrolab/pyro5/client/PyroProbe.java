package org.pyrolab.pyro5.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/**
 * An endpoint is alive when it answers a CONNECT to {@code Pyro.Daemon} with any Pyro message
 * (Python daemons and ours alike; a CONNECTFAIL still proves someone is there), or, when it
 * accepts the connection but does not answer in plain Pyro, when it starts a TLS handshake with
 * a certificate: URIs do not say TLS (as in Pyro5), and a TLS endpoint must not be cleaned away.
 */
public final class PyroProbe implements EndpointProbe {

    private final int timeoutMillis;
    private final MessageCodec codec = new MessageCodec(1024 * 1024);

    public PyroProbe(Duration timeout) {
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    @Override
    public boolean alive(PyroUri uri) {
        if (uri.host() == null || uri.port() <= 0 || !uri.protocol().equals("PYRO")) {
            return false;
        }
        boolean connected = false;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.host(), uri.port()), timeoutMillis);
            connected = true;
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            byte[] payload = new SerpentSerializer().encode(Map.of("handshake", "hello", "object", "Pyro.Daemon"));
            s.getOutputStream().write(codec.encode(new Message(Message.CONNECT, 1, 0, 0, null, null, payload)));
            byte[] tag = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(tag);
            return "PYRO".equals(new String(tag, StandardCharsets.US_ASCII)) || speaksTls(uri);
        } catch (IOException | RuntimeException e) {
            return connected && speaksTls(uri);
        }
    }

    /** Whether a TLS server answers there with a certificate. Nothing is sent after the handshake, so nothing needs trusting. */
    private boolean speaksTls(PyroUri uri) {
        AtomicBoolean sawCertificate = new AtomicBoolean();
        X509TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                sawCertificate.set(chain.length > 0); // liveness only: the connection is closed right after
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a probe is never a server");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.host(), uri.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recorder}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(s, uri.host(), uri.port(), false)) {
                tls.startHandshake();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // a server that wants a client certificate may end the handshake after showing its own
        }
        return sawCertificate.get();
    }
}
