package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client over TLS (one-way: the server's certificate is checked) to a name server and an
 * endpoint, each behind a TLS-terminating {@link Relay} in front of the plain servers, with the
 * lab secret on top. The registered URI is the endpoint relay's, as a TLS endpoint would advertise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {

    private static final String SECRET = "correct horse battery staple";

    private static TestCertificates server;
    private static TestCertificates stranger;
    private static TestCertificates misnamed;

    private LabFixture fixture;
    private Relay nsRelay;
    private Relay endpointRelay;

    @BeforeAll
    static void certificates() throws Exception {
        server = new TestCertificates("server", "127.0.0.1");
        stranger = new TestCertificates("stranger", "127.0.0.1");
        misnamed = new TestCertificates("misnamed", "elsewhere.invalid");
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new LabFixture();
        nsRelay = new Relay(fixture.nsPort(), server.serverContext(), SECRET);
        endpointRelay = new Relay(fixture.server.port(), server.serverContext(), SECRET);
        fixture.ns.nameServer().register(LabFixture.NAME, "PYRO:" + LabFixture.NAME + "@127.0.0.1:" + endpointRelay.port(), false, null, true);
    }

    @AfterEach
    void stop() throws Exception {
        nsRelay.close();
        endpointRelay.close();
        fixture.close();
    }

    private ConnectionOptions trusting(TestCertificates ca) throws Exception {
        return ConnectionOptions.defaults().withTls(ca.trustingContext()).withSecret(SECRET);
    }

    @Test
    void callsOverTlsWithTheSecret() throws Exception {
        try (Lab lab = Lab.locate("127.0.0.1", nsRelay.port(), trusting(server));
             BenchApi bench = lab.proxy(LabFixture.NAME, BenchApi.class)) {
            assertEquals(endpointRelay.port(), lab.names().get(LabFixture.NAME).port());
            assertEquals(5, bench.add(2, 3));
            bench.lock("alice");
            assertEquals("alice", bench.whoami());
            assertTrue(bench.unlock());
        }
        for (Relay relay : List.of(nsRelay, endpointRelay)) {
            assertFalse(relay.handshakes.isEmpty());
            assertTrue(relay.handshakes.stream().allMatch(SECRET::equals), relay.handshakes::toString);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        ConnectionOptions wrongCa = trusting(stranger);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Lab.locate("127.0.0.1", nsRelay.port(), wrongCa));
        assertTrue(e.getMessage().contains("127.0.0.1:" + nsRelay.port()), e.getMessage());
        assertTrue(e.getMessage().contains("the server's certificate is not signed by a CA this client trusts"), e.getMessage());
        assertTrue(nsRelay.handshakes.isEmpty(), "nothing was sent before the certificate was checked");
    }

    @Test
    void theCertificateMustNameTheHostConnectedTo() throws Exception {
        try (Relay wrongName = new Relay(fixture.nsPort(), misnamed.serverContext(), null)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Lab.locate("127.0.0.1", wrongName.port(), ConnectionOptions.defaults().withTls(misnamed.trustingContext())));
            assertTrue(e.getMessage().contains("the server's certificate does not name 127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void aPlainClientGetsNoServiceFromATlsServer() {
        ConnectionOptions plain = ConnectionOptions.defaults().withSecret(SECRET).withTimeout(java.time.Duration.ofSeconds(2));
        assertThrows(UncheckedIOException.class, () -> Lab.locate("127.0.0.1", nsRelay.port(), plain));
        assertFalse(nsRelay.handshakes.contains(SECRET));
    }
}
