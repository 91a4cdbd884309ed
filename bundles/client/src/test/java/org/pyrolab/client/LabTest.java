package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Finding the name server and looking names up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LabTest {

    private LabFixture fixture;
    private Lab lab;

    @BeforeEach
    void start() throws Exception {
        fixture = new LabFixture();
        lab = fixture.lab();
    }

    @AfterEach
    void stop() {
        lab.close();
        fixture.close();
    }

    @Test
    void looksNamesUp() {
        PyroUri uri = lab.lookup(LabFixture.NAME);
        assertEquals(fixture.server.uri(LabFixture.NAME).toString(), uri.toString());
        assertEquals(fixture.server.port(), uri.port());
        assertEquals(LabFixture.NAME, uri.objectId());
    }

    @Test
    void listsNames() {
        Map<String, PyroUri> names = lab.names();
        assertEquals(lab.lookup(LabFixture.NAME), names.get(LabFixture.NAME));
        assertTrue(names.containsKey("Pyro.NameServer"), names.toString());
        assertEquals(Map.of(LabFixture.NAME, lab.lookup(LabFixture.NAME)), lab.names("lab."));
    }

    @Test
    void unknownNameIsANamingError() {
        RemoteException e = assertThrows(RemoteException.class, () -> lab.lookup("lab.nothing"));
        assertEquals("Pyro5.errors.NamingError", e.type());
        assertTrue(e.remoteMessage().contains("lab.nothing"), e.getMessage());
        assertThrows(RemoteException.class, () -> lab.proxy("lab.nothing", BenchApi.class));
    }

    @Test
    void nothingAnsweringIsAnIoError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Lab.locate("127.0.0.1", closedPort));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }

    @Test
    void connectsWithoutANameServer() {
        try (Instrument bench = Lab.connect(PyroUri.parse(fixture.server.uri(LabFixture.NAME).toString()), Instrument.class)) {
            bench.ping();
            assertEquals(LabFixture.NAME, bench.name());
        }
    }

    @Test
    void labStaysUsableAfterItsProxiesClose() {
        lab.proxy(LabFixture.NAME).close();
        assertEquals(fixture.server.port(), lab.lookup(LabFixture.NAME).port());
    }

    @Test
    void parsesUris() {
        assertEquals(new PyroUri("a.b", "10.0.0.5", 9090), PyroUri.parse("pyro:a.b@10.0.0.5:9090"));
        assertEquals(new PyroUri("x", "::1", 5), PyroUri.parse("PYRO:x@[::1]:5"));
        assertEquals("PYRO:x@[::1]:5", new PyroUri("x", "::1", 5).toString());
        assertThrows(IllegalArgumentException.class, () -> PyroUri.parse("PYRONAME:a.b"));
        assertThrows(IllegalArgumentException.class, () -> PyroUri.parse("PYRO:a@host:port"));
    }
}
