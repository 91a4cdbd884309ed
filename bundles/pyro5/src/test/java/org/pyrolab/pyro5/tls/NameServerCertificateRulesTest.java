package org.pyrolab.pyro5.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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
import org.pyrolab.pyro5.ns.MemoryNameStore;
import org.pyrolab.pyro5.ns.NameServer;
import org.pyrolab.pyro5.ns.NameServerConfig;
import org.pyrolab.pyro5.ns.NameServerHost;
import org.pyrolab.pyro5.server.PyroServerConfig;

/**
 * The name-server write rule without a lab secret but with client certificates asked for (a TLS
 * {@code ca}, {@code require_client_cert: false}): register, remove and set_metadata need a verified
 * client certificate; lookups do not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NameServerCertificateRulesTest {

    private static final int TIMEOUT = 5000;
    private static final String URI = "PYRO:lab.echo@127.0.0.1:1";

    @TempDir
    Path dir;
    private TestPki pki;
    private NameServerHost ns;

    @BeforeEach
    void start() throws Exception {
        pki = new TestPki(dir, "lab");
        TestPki.Issued server = pki.issue("server");
        ServerTls tls = new TlsFiles(server.certFile(), server.keyFile(), pki.caFile, false).server();
        ns = new NameServerHost(NameServerConfig.defaults().withServer(PyroServerConfig.defaults().withPort(0).withTls(tls)), new MemoryNameStore());
        ns.start();
    }

    @AfterEach
    void stop() {
        if (ns != null) {
            ns.close();
        }
    }

    private PyroClient client(SSLContext tls) throws IOException {
        return new PyroClient("127.0.0.1", ns.server().port(), NameServer.OBJECT_ID, ClientOptions.plain(TIMEOUT).withTls(tls));
    }

    @Test
    void aClientWithACertificateFromTheLabCaMayRegister() throws Exception {
        TestPki.Issued alice = pki.issue("alice");
        try (PyroClient member = client(new TlsFiles(alice.certFile(), alice.keyFile(), pki.caFile, false).client())) {
            member.call("register", "lab.echo", URI, false, Set.of("echo"));
            assertEquals(URI, String.valueOf(member.call("lookup", "lab.echo")));
            member.call("set_metadata", "lab.echo", Set.of("echo", "two"));
            assertEquals(1, ((Number) member.call("remove", "lab.echo")).intValue());
        }
        assertNull(ns.nameServer().store().get("lab.echo"));
    }

    @Test
    void aClientWithoutACertificateMayReadButNotWrite() throws Exception {
        ns.nameServer().register("lab.echo", URI, false, Set.of("echo"), false);
        try (PyroClient stranger = client(new TlsFiles(null, null, pki.caFile, false).client())) {
            assertEquals(URI, String.valueOf(stranger.call("lookup", "lab.echo")));
            assertEquals(2, ((Number) stranger.call("count")).intValue()); // Pyro.NameServer and lab.echo
            for (Object[] write : new Object[][] {{"register", "lab.other", URI}, {"remove", "lab.echo"}, {"remove", null, null, ".*"},
                    {"set_metadata", "lab.echo", Set.of("hacked")}}) {
                Object[] args = java.util.Arrays.copyOfRange(write, 1, write.length);
                IOException e = assertThrows(IOException.class, () -> stranger.call((String) write[0], args));
                assertTrue(e.getMessage().startsWith("SecurityError: this name server takes register, remove and set_metadata only"),
                        e.getMessage());
            }
        }
        assertEquals(URI, ns.nameServer().store().get("lab.echo").uri());
        assertEquals(Set.of("echo"), ns.nameServer().store().get("lab.echo").metadata());
        assertNull(ns.nameServer().store().get("lab.other"));
    }
}
