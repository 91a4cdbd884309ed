package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab secret travels in the handshake of every connection (name server and proxies), and a
 * server that wants another one refuses with a reason the caller can read. The servers sit behind
 * a {@link Relay} that checks the handshake as a server with {@code secret_file} would.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretTest {

    private static final String SECRET = "s3cret-of-the-lab";

    private LabFixture fixture;
    private Relay nsRelay;
    private Relay endpointRelay;

    @BeforeEach
    void start() throws Exception {
        fixture = new LabFixture();
        nsRelay = new Relay(fixture.nsPort(), null, SECRET);
        endpointRelay = new Relay(fixture.server.port(), null, SECRET);
        fixture.ns.nameServer().register(LabFixture.NAME, "PYRO:" + LabFixture.NAME + "@127.0.0.1:" + endpointRelay.port(), false, null, true);
    }

    @AfterEach
    void stop() throws Exception {
        nsRelay.close();
        endpointRelay.close();
        fixture.close();
    }

    @Test
    void theSecretTravelsInEveryHandshake() {
        ConnectionOptions options = ConnectionOptions.defaults().withSecret(SECRET);
        try (Lab lab = Lab.locate("127.0.0.1", nsRelay.port(), options);
             Instrument bench = lab.proxy(LabFixture.NAME)) {
            assertEquals(7, bench.call("add", 3, 4));
            assertEquals(9, bench.callWithKeywords("add", java.util.Map.of("b", 5), 4));
        }
        assertEquals(List.of(SECRET), List.copyOf(nsRelay.handshakes));
        assertEquals(List.of(SECRET), List.copyOf(endpointRelay.handshakes));
    }

    @Test
    void withoutTheSecretTheConnectionIsRefusedWithItsReason() {
        RemoteException e = assertThrows(RemoteException.class, () -> Lab.locate("127.0.0.1", nsRelay.port()));
        assertEquals("Pyro5.errors.CommunicationError", e.type());
        assertTrue(e.remoteMessage().contains("rejected: " + Relay.WRONG_SECRET), e.getMessage());
        assertEquals(List.of("hello"), List.copyOf(nsRelay.handshakes)); // Pyro5's default handshake

        ConnectionOptions wrong = ConnectionOptions.defaults().withSecret("guess");
        assertThrows(RemoteException.class, () -> Lab.connect(new PyroUri(LabFixture.NAME, "127.0.0.1", endpointRelay.port()), BenchApi.class, wrong));
    }

    @Test
    void theOptionsNeverShowTheSecret() {
        ConnectionOptions options = ConnectionOptions.defaults().withSecret(SECRET);
        assertTrue(options.hasSecret());
        assertFalse(options.toString().contains(SECRET), options.toString());
        assertFalse(ConnectionOptions.defaults().hasSecret());
    }
}
