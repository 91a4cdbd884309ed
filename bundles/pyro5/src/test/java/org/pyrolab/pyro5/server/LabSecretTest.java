package org.pyrolab.pyro5.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;

import net.razorvine.pyro.PyroProxy;

/** The lab secret in the CONNECT handshake, and allow lists at accept, on a real server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LabSecretTest {

    private static final String SECRET = "correct horse battery staple";

    @Test
    void matchesTheTextOrTheDictAndNothingElse() {
        LabSecret s = LabSecret.of(SECRET + "\n"); // a file's final newline is not part of it
        assertTrue(s.matches(SECRET));
        assertTrue(s.matches(Map.of("secret", SECRET, "identity", "x".repeat(40))));
        assertFalse(s.matches("hello"));
        assertFalse(s.matches(SECRET.substring(1)));
        assertFalse(s.matches(null));
        assertFalse(s.matches(42));
        assertFalse(s.matches(Map.of("identity", "x")));
        assertThrows(IllegalArgumentException.class, () -> LabSecret.of("  \n"));
        assertEquals("LabSecret[hidden]", s.toString());
    }

    @Test
    void comparesDigestsInConstantTime() throws Exception {
        // what makes the comparison constant-time: equal-length digests through MessageDigest.isEqual
        String source = Files.readString(Path.of("src/main/java/org/pyrolab/pyro5/server/LabSecret.java"));
        assertTrue(source.contains("MessageDigest.isEqual(digest, sha256(text))"), "LabSecret must compare with MessageDigest.isEqual");
        assertFalse(source.contains(".equals(text)"));
    }

    @Test
    void identityIsADigestOfTheToken() {
        String token = "a".repeat(64);
        String id = LabSecret.identity(Map.of("identity", token));
        assertNotNull(id);
        assertEquals(64, id.length());
        assertFalse(id.contains(token));
        assertNull(LabSecret.identity("just a secret"));
        assertNull(LabSecret.identity(Map.of("identity", "short")));
    }

    @Test
    void withoutTheSecretAClientGetsConnectFailWithTheReasonAndNothingElse() throws Exception {
        try (PyroServer server = new PyroServer(PyroServerConfig.defaults().withSecret(LabSecret.of(SECRET)), new TestObjects("lab.echo"))) {
            server.start();
            PyroProxy without = new PyroProxy("127.0.0.1", server.port(), "lab.echo");
            try {
                Exception e = assertThrows(Exception.class, () -> without.call("add", 2, 3));
                assertTrue(String.valueOf(e.getMessage()).contains("this endpoint needs the lab secret: set proxy._pyroHandshake"),
                        String.valueOf(e.getMessage()));
            } finally {
                without.close();
            }
            PyroProxy wrong = new PyroProxy("127.0.0.1", server.port(), "lab.echo");
            wrong.pyroHandshake = "guess";
            try {
                assertThrows(Exception.class, () -> wrong.call("add", 2, 3));
            } finally {
                wrong.close();
            }
            PyroProxy with = new PyroProxy("127.0.0.1", server.port(), "lab.echo");
            with.pyroHandshake = SECRET;
            try {
                assertEquals(5, with.call("add", 2, 3));
            } finally {
                with.close();
            }
            try (PyroClient ours = new PyroClient("127.0.0.1", server.port(), "lab.echo", ClientOptions.plain(5000).withHandshake(SECRET))) {
                assertEquals(7, ours.call("add", 3, 4));
            }
        }
    }

    @Test
    void aPeerOutsideTheAllowListIsClosedAtAccept() throws Exception {
        try (PyroServer server = new PyroServer(PyroServerConfig.defaults().withAllow(AllowList.parse(List.of("10.0.0.0/8"))),
                new TestObjects("lab.echo"))) {
            server.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                int first;
                try {
                    first = in.read(); // closed at once, before any byte is sent
                } catch (java.net.SocketException reset) {
                    first = -1;
                }
                assertEquals(-1, first);
            }
            assertEquals(0, server.connectionCount());
        }
        try (PyroServer server = new PyroServer(PyroServerConfig.defaults().withAllow(AllowList.LOOPBACK), new TestObjects("lab.echo"))) {
            server.start();
            try (PyroClient ours = new PyroClient("127.0.0.1", server.port(), "lab.echo", 5000)) {
                assertEquals(5, ours.call("add", 2, 3));
            }
        }
    }
}
