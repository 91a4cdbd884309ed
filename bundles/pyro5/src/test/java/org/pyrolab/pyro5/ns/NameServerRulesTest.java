package org.pyrolab.pyro5.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.serial.RemoteError;
import org.pyrolab.pyro5.server.LabSecret;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.server.TestObjects;

import net.razorvine.pyro.NameServerProxy;

/** Who may write to a name server (the secret), and who may replace a name (its owner). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NameServerRulesTest {

    private static final String SECRET = "lab secret 42";
    private static final String OWNER = "o".repeat(64);
    private static final String OTHER = "x".repeat(64);

    private NameServerHost ns;
    private PyroServer endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private void start(LabSecret secret) throws Exception {
        ns = new NameServerHost(NameServerConfig.defaults().withServer(PyroServerConfig.defaults().withPort(0).withSecret(secret))
                .withProbeTimeout(Duration.ofMillis(500)), new MemoryNameStore());
        ns.start();
        endpoint = new PyroServer(PyroServerConfig.defaults(), new TestObjects("lab.echo", "fake.echo"));
        endpoint.start();
    }

    private PyroClient client(Object handshake) throws Exception {
        return new PyroClient("127.0.0.1", ns.server().port(), NameServer.OBJECT_ID, ClientOptions.plain(5000).withHandshake(handshake));
    }

    private static Object as(String identity, String secret) {
        return secret == null ? Map.of("identity", identity) : Map.of("secret", secret, "identity", identity);
    }

    @Test
    void withASecretWritesNeedItAndReadsDoNot() throws Exception {
        start(LabSecret.of(SECRET));
        String uri = endpoint.uri("lab.echo").toString();
        try (PyroClient member = client(SECRET)) {
            member.call("register", "lab.echo", uri, false, Set.of("echo"));
        }
        // a stock client without the secret still connects and reads
        NameServerProxy reader = new NameServerProxy("127.0.0.1", ns.server().port());
        try {
            assertEquals(endpoint.port(), reader.lookup("lab.echo").port);
            assertTrue(reader.list(null, null).containsKey("lab.echo"));
        } finally {
            reader.close();
        }
        try (PyroClient stranger = client(null)) {
            for (Object[] write : new Object[][] {{"register", "x", uri}, {"remove", "lab.echo"}, {"remove", null, null, ".*"},
                    {"set_metadata", "lab.echo", Set.of("hacked")}}) {
                Object[] args = java.util.Arrays.copyOfRange(write, 1, write.length);
                java.io.IOException e = assertThrows(java.io.IOException.class, () -> stranger.call((String) write[0], args));
                assertTrue(e.getMessage().startsWith("SecurityError: this name server takes register, remove and set_metadata only"),
                        e.getMessage());
            }
            assertEquals(2, stranger.call("count"));
        }
        assertEquals(uri, ns.nameServer().store().get("lab.echo").uri());
        assertEquals(Set.of("echo"), ns.nameServer().store().get("lab.echo").metadata());
    }

    @Test
    void aLiveOwnersNameIsReplacedOrRemovedByItsOwnerOnly() throws Exception {
        start(null);
        String real = endpoint.uri("lab.echo").toString();
        String fake = endpoint.uri("fake.echo").toString();
        try (PyroClient owner = client(as(OWNER, null))) {
            owner.call("register", "lab.echo", real, false, Set.of(), true);
        }
        try (PyroClient other = client(as(OTHER, null)); PyroClient anonymous = client(null)) {
            for (PyroClient c : new PyroClient[] {other, anonymous}) {
                java.io.IOException e = assertThrows(java.io.IOException.class, () -> c.call("register", "lab.echo", fake, false, null, true));
                assertTrue(e.getMessage().contains("belongs to another PyroLab daemon whose endpoint"), e.getMessage());
                assertThrows(java.io.IOException.class, () -> c.call("remove", "lab.echo"));
                assertThrows(java.io.IOException.class, () -> c.call("set_metadata", "lab.echo", Set.of("x")));
                assertEquals(0, c.call("remove", null, null, ".*"));
            }
        }
        assertEquals(real, ns.nameServer().store().get("lab.echo").uri());
        // the owner moves its own name without force
        try (PyroClient owner = client(as(OWNER, null))) {
            owner.call("register", "lab.echo", fake, false, null);
        }
        assertEquals(fake, ns.nameServer().store().get("lab.echo").uri());
    }

    @Test
    void aDeadOwnersNameCanBeTakenAndAnUnownedNameComesBackToItsOwner() throws Exception {
        start(null);
        String real = endpoint.uri("lab.echo").toString();
        // nobody owns it (a plain Pyro5 client registered it): force replaces it, as in Pyro5
        ns.nameServer().register("lab.echo", "PYRO:lab.echo@127.0.0.1:1", false, null, false);
        try (PyroClient owner = client(as(OWNER, null))) {
            owner.call("register", "lab.echo", real, false, null, true); // the daemon's re-registration wins
        }
        assertEquals(real, ns.nameServer().store().get("lab.echo").uri());
        // its endpoint stops answering: someone else may take the name
        endpoint.close();
        try (PyroClient other = client(as(OTHER, null))) {
            other.call("register", "lab.echo", "PYRO:lab.echo@127.0.0.1:2", false, null, false);
        }
        assertEquals("PYRO:lab.echo@127.0.0.1:2", ns.nameServer().store().get("lab.echo").uri());
        RemoteError self = assertThrows(RemoteError.class,
                () -> ns.nameServer().register(NameServer.OBJECT_ID, "PYRO:x@127.0.0.1:3", false, null, true));
        assertTrue(self.getMessage().contains("name already registered"));
    }
}
