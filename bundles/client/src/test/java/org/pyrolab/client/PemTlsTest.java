package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyrolab.pyro5.ns.MemoryNameStore;
import org.pyrolab.pyro5.ns.NameServerConfig;
import org.pyrolab.pyro5.ns.NameServerHost;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.tls.TlsFiles;

/**
 * {@link ConnectionOptions#withTls(Path)} and {@link ConnectionOptions#withTls(Path, Path, Path)}:
 * Pyro5's {@code SSL_CACERTS}, {@code SSL_CLIENTCERT} and {@code SSL_CLIENTKEY} as PEM files,
 * against real TLS name servers (one-way, and two-way with client certificates required), and a
 * one-line error for every file that is missing or wrong.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PemTlsTest {

    @TempDir
    Path dir;
    private PemPki pki;
    private PemPki.Issued alice;
    private NameServerHost oneWay;
    private NameServerHost twoWay;

    @BeforeEach
    void start() throws Exception {
        pki = new PemPki(dir, "lab");
        PemPki.Issued server = pki.issue("server");
        alice = pki.issue("alice");
        oneWay = nameServer(new TlsFiles(server.cert(), server.key(), null, false));
        twoWay = nameServer(new TlsFiles(server.cert(), server.key(), pki.caFile, true));
    }

    private static NameServerHost nameServer(TlsFiles tls) throws Exception {
        NameServerHost ns = new NameServerHost(NameServerConfig.defaults().withServer(PyroServerConfig.defaults().withPort(0).withTls(tls.server())),
                new MemoryNameStore());
        ns.start();
        return ns;
    }

    @AfterEach
    void stop() {
        for (NameServerHost ns : new NameServerHost[] {oneWay, twoWay}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @Test
    void theLabCaAloneIsOneWayTls() {
        ConnectionOptions options = ConnectionOptions.defaults().withTls(pki.caFile);
        assertTrue(options.tls());
        try (Lab lab = Lab.locate("127.0.0.1", oneWay.server().port(), options)) {
            assertTrue(lab.names().containsKey("Pyro.NameServer"));
        }
        // a server that requires a client certificate refuses it
        assertThrows(UncheckedIOException.class, () -> Lab.locate("127.0.0.1", twoWay.server().port(), options.withTimeout(java.time.Duration.ofSeconds(3))));
    }

    @Test
    void aClientCertificateIsTwoWayTls() {
        ConnectionOptions options = ConnectionOptions.defaults().withTls(pki.caFile, alice.cert(), alice.key());
        try (Lab lab = Lab.locate("127.0.0.1", twoWay.server().port(), options)) {
            assertEquals(twoWay.server().port(), lab.lookup("Pyro.NameServer").port());
        }
    }

    @Test
    void aCaFolderWorksLikePyro5sCapath() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("cas"));
        Files.copy(pki.caFile, folder.resolve("lab.pem"));
        try (Lab lab = Lab.locate("127.0.0.1", oneWay.server().port(), ConnectionOptions.defaults().withTls(folder))) {
            assertFalse(lab.names().isEmpty());
        }
    }

    @Test
    void aMissingOrWrongFileIsOneLineNamingIt() throws Exception {
        Path nowhere = dir.resolve("nowhere.pem");
        assertError(nowhere + " does not exist", () -> ConnectionOptions.defaults().withTls(nowhere));
        assertError(nowhere + " does not exist", () -> ConnectionOptions.defaults().withTls(pki.caFile, nowhere, alice.key()));
        assertError(nowhere + " does not exist", () -> ConnectionOptions.defaults().withTls(pki.caFile, alice.cert(), nowhere));
        assertError(alice.key() + " holds no PEM certificate", () -> ConnectionOptions.defaults().withTls(alice.key()));
        assertError(alice.cert() + " holds no PEM private key", () -> ConnectionOptions.defaults().withTls(pki.caFile, alice.cert(), alice.cert()));
        Path notPem = pki.write("notes.txt", "not a certificate\n");
        assertError(notPem + " is not a PEM file", () -> ConnectionOptions.defaults().withTls(notPem));
        PemPki.Issued bob = pki.issue("bob");
        assertError("the key " + bob.key() + " does not belong to the certificate " + alice.cert(),
                () -> ConnectionOptions.defaults().withTls(pki.caFile, alice.cert(), bob.key()));
        assertThrows(NullPointerException.class, () -> ConnectionOptions.defaults().withTls(pki.caFile, null, alice.key()));
    }

    private static void assertError(String expected, org.junit.jupiter.api.function.Executable call) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, call);
        assertTrue(e.getMessage().startsWith("cannot use TLS files: " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
