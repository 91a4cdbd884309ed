package org.pyrolab.pyro5.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.server.Call;
import org.pyrolab.pyro5.server.ObjectMetadata;
import org.pyrolab.pyro5.server.Peer;
import org.pyrolab.pyro5.server.PyroObjects;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;

/**
 * A {@link PyroServer} with TLS and our {@link PyroClient} over real sockets: one-way and two-way
 * as Pyro5's SSL mode, and every way a handshake can go wrong, each closing that connection only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsServerTest {

    private static final String ID = "lab.echo";
    private static final int TIMEOUT = 5000;

    @TempDir
    Path dir;
    private TestPki pki;
    private TestPki.Issued server;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** echo(x), and whoami(): the subject of the client's certificate as the server saw it. */
    private static final class Objects implements PyroObjects {
        @Override
        public ObjectMetadata metadata(String objectId) {
            return ID.equals(objectId) ? new ObjectMetadata(Set.of("echo", "whoami"), Set.of(), Set.of()) : null;
        }

        @Override
        public Collection<String> ids() {
            return List.of(ID);
        }

        @Override
        public Object invoke(Peer peer, Call call) {
            return switch (call.method()) {
                case "echo" -> call.params().get(0);
                case "whoami" -> peer.clientCertificate() == null ? "nobody" : peer.clientCertificate().getSubjectX500Principal().getName();
                default -> throw new IllegalArgumentException(call.method());
            };
        }
    }

    @BeforeEach
    void pki() throws Exception {
        pki = new TestPki(dir, "lab");
        server = pki.issue("server");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private PyroServer start(ServerTls tls, Duration deadline) throws IOException {
        PyroServer s = new PyroServer(PyroServerConfig.defaults().withMessageDeadline(deadline).withTls(tls), new Objects());
        open.add(s);
        s.start();
        return s;
    }

    private PyroServer start(ServerTls tls) throws IOException {
        return start(tls, Duration.ofSeconds(20));
    }

    private PyroClient client(PyroServer s, SSLContext tls) throws IOException {
        PyroClient c = new PyroClient("localhost", s.port(), ID, ClientOptions.plain(TIMEOUT).withTls(tls));
        open.add(c);
        return c;
    }

    @Test
    void oneWayTlsServesAClientThatTrustsTheLabCa() throws Exception {
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), null, false).server());

        PyroClient c = client(s, new TlsFiles(null, null, pki.caFile, false).client());

        assertEquals("hello", c.call("echo", "hello"));
        assertEquals("nobody", c.call("whoami"));
        // 127.0.0.1 is in the certificate too, as Python checks the URI's host against it
        try (PyroClient byAddress = new PyroClient("127.0.0.1", s.port(), ID, ClientOptions.plain(TIMEOUT)
                .withTls(new TlsFiles(null, null, pki.caFile, false).client()))) {
            assertEquals(42, ((Number) byAddress.call("echo", 42)).intValue());
        }
    }

    @Test
    void twoWayTlsShowsTheClientCertificateToTheObjects() throws Exception {
        TestPki.Issued alice = pki.issue("alice");
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), pki.caFile, true).server());

        PyroClient c = client(s, new TlsFiles(alice.certFile(), alice.keyFile(), pki.caFile, false).client());

        assertEquals("CN=alice", c.call("whoami"));
    }

    @Test
    void aCaWithoutRequireAsksForACertificateButServesClientsWithout() throws Exception {
        TestPki.Issued bob = pki.issue("bob");
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), pki.caFile, false).server());

        assertEquals("CN=bob", client(s, new TlsFiles(bob.certFile(), bob.keyFile(), pki.caFile, false).client()).call("whoami"));
        assertEquals("nobody", client(s, new TlsFiles(null, null, pki.caFile, false).client()).call("whoami"));
    }

    @Test
    void aClientWithoutCertificateIsRefusedWhenOneIsRequired() throws Exception {
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), pki.caFile, true).server());

        // TLS 1.3 lets the client finish first, so the refusal may come at the handshake or at the first read
        assertThrows(IOException.class, () -> client(s, new TlsFiles(null, null, pki.caFile, false).client()).call("echo", 1));

        assertServes(s, new TlsFiles(pki.issue("carol").certFile(), dir.resolve("carol.key.pem"), pki.caFile, false).client());
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() throws Exception {
        TestPki other = new TestPki(java.nio.file.Files.createDirectory(dir.resolve("other")), "other");
        TestPki.Issued mallory = other.issue("mallory");
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), pki.caFile, true).server());

        assertThrows(IOException.class, () -> client(s, new TlsFiles(mallory.certFile(), mallory.keyFile(), pki.caFile, false).client())
                .call("echo", 1));
    }

    @Test
    void aServerFromAnotherCaIsRefusedByTheClient() throws Exception {
        TestPki other = new TestPki(java.nio.file.Files.createDirectory(dir.resolve("other")), "other");
        TestPki.Issued impostor = other.issue("impostor");
        PyroServer s = start(new TlsFiles(impostor.certFile(), impostor.keyFile(), null, false).server());

        IOException e = assertThrows(IOException.class, () -> client(s, new TlsFiles(null, null, pki.caFile, false).client()));

        assertTrue(e.getMessage().startsWith("TLS handshake with localhost:" + s.port() + " failed"), e.getMessage());
    }

    @Test
    void anExpiredServerCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued expired = pki.issue("expired", "EC", TestPki.KeyFormat.PKCS8, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        PyroServer s = start(new TlsFiles(expired.certFile(), expired.keyFile(), null, false).server());

        IOException e = assertThrows(IOException.class, () -> client(s, new TlsFiles(null, null, pki.caFile, false).client()));

        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued elsewhere = pki.issue("elsewhere", "EC", TestPki.KeyFormat.PKCS8, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), "elsewhere.lab");
        PyroServer s = start(new TlsFiles(elsewhere.certFile(), elsewhere.keyFile(), null, false).server());

        // the right CA, but the certificate does not name localhost: Python's ssl refuses it, so must we
        IOException e = assertThrows(IOException.class, () -> client(s, new TlsFiles(null, null, pki.caFile, false).client()));

        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
    }

    @Test
    void theNameServersProbeSeesATlsEndpointAlive() throws Exception {
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), pki.caFile, true).server());
        org.pyrolab.pyro5.client.PyroProbe probe = new org.pyrolab.pyro5.client.PyroProbe(Duration.ofSeconds(5));

        assertTrue(probe.alive(s.uri(ID)), "ns_autoclean must not drop the names of a TLS endpoint");
        int port = s.port();
        s.close();
        assertTrue(!probe.alive(org.pyrolab.pyro5.serial.PyroUri.of(ID, "127.0.0.1", port)), "and a closed one is gone");
    }

    @Test
    void aPlainClientIsClosedAndTheServerGoesOn() throws Exception {
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), null, false).server());

        assertThrows(IOException.class, () -> client(s, null));

        assertServes(s, new TlsFiles(null, null, pki.caFile, false).client());
    }

    @Test
    void aSilentOrTricklingHandshakeBlocksNoOneAndEndsAtTheDeadline() throws Exception {
        PyroServer s = start(new TlsFiles(server.certFile(), server.keyFile(), null, false).server(), Duration.ofMillis(700));
        Socket silent = new Socket();
        silent.connect(new InetSocketAddress("127.0.0.1", s.port()));
        open.add(silent);
        Socket trickle = new Socket();
        trickle.connect(new InetSocketAddress("127.0.0.1", s.port()));
        open.add(trickle);
        OutputStream out = trickle.getOutputStream();
        out.write(0x16); // the first byte of a TLS record, then nothing more

        // the acceptor is free: a good client is served while both wait
        assertServes(s, new TlsFiles(null, null, pki.caFile, false).client());

        // and both are closed once the deadline has passed (read returns -1 or the reset shows)
        assertClosedByServer(silent);
        assertClosedByServer(trickle);
    }

    private static void assertClosedByServer(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                assertTrue(b >= 0); // an alert, maybe; then the end
            }
        } catch (java.net.SocketException reset) {
            // closed by the server
        }
    }

    private void assertServes(PyroServer s, SSLContext tls) throws IOException {
        try (PyroClient c = new PyroClient("localhost", s.port(), ID, ClientOptions.plain(TIMEOUT).withTls(tls))) {
            assertEquals("still here", c.call("echo", "still here"));
        }
    }
}
