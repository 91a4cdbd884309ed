package org.pyrolab.remote.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.api.Expose;
import org.pyrolab.api.dto.EndpointDTO;
import org.pyrolab.api.dto.NameServerDTO;
import org.pyrolab.api.dto.RemoteServiceDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.LockChange;
import org.pyrolab.api.lab.LockHolder;
import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.api.lab.RemoteChange;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroProxy;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The component's logic without a framework: configure, expose, ps rows, locks, nslist. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessTest {

    public static class Echo {
        @Expose
        public Object echo(Object x) {
            return x;
        }
    }

    private Access access;

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
        }
    }

    private static EndpointDTO endpoint(int port, boolean autostart) {
        EndpointDTO e = new EndpointDTO();
        e.name = "ep";
        e.host = "localhost";
        e.port = port;
        e.nameservers = List.of();
        e.autostart = autostart;
        return e;
    }

    private static NameServerDTO nameserver(boolean autostart) {
        NameServerDTO n = new NameServerDTO();
        n.name = "ns";
        n.host = "localhost";
        n.storage = "file";
        n.autostart = autostart;
        return n;
    }

    private static RemoteServiceDTO service() {
        RemoteServiceDTO s = new RemoteServiceDTO();
        s.name = "lab.echo";
        s.description = "echo";
        s.endpoint = "ep";
        s.nameservers = List.of("ns");
        s.instanceMode = "single";
        s.leaseSeconds = 300;
        return s;
    }

    private ServiceDTO row(String name) {
        return access.entries().stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
    }

    private List<NameServerEntry> listed(int nsPort, String name, boolean present) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        List<NameServerEntry> entries = NameServerListing.list("127.0.0.1", nsPort);
        while (entries.stream().anyMatch(e -> e.name().equals(name)) != present && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            entries = NameServerListing.list("127.0.0.1", nsPort);
        }
        return entries;
    }

    @Test
    void exposedServiceIsRegisteredCallableAndLockable() throws Exception {
        Path data = Files.createTempDirectory("access-test");
        access = new Access(data);
        access.configure(List.of(endpoint(0, false)), List.of(nameserver(true)));
        assertEquals(ServiceState.STOPPED, row("ep").state);
        assertEquals(new RemoteChange(RemoteChange.Kind.ENDPOINT, "ep", RemoteChange.Change.NOT_RUNNING, null), access.stop("ep"));
        access.expose(service(), new Echo(), Echo::new, instance -> { });
        assertEquals(ServiceState.RUNNING, row("ep").state);
        assertEquals(new RemoteChange(RemoteChange.Kind.ENDPOINT, "ep", RemoteChange.Change.ALREADY_RUNNING, row("ep").address), access.start("ep"));
        assertEquals(new RemoteChange(RemoteChange.Kind.NAMESERVER, "ns", RemoteChange.Change.ALREADY_RUNNING, row("ns").address), access.start("ns"));
        String nsAddress = row("ns").address;
        int nsPort = Integer.parseInt(nsAddress.substring(nsAddress.lastIndexOf(':') + 1));

        NameServerEntry entry = listed(nsPort, "lab.echo", true).stream().filter(e -> e.name().equals("lab.echo")).findFirst().orElseThrow();
        assertTrue(entry.uri().startsWith("PYRO:lab.echo@127.0.0.1:"), entry.uri());
        assertEquals(List.of("echo"), entry.metadata());
        assertTrue(Files.exists(data.resolve("ns.json.journal")), "file storage (a journal) under the data folder");

        NameServerProxy ns = new NameServerProxy("127.0.0.1", nsPort);
        PyroProxy echo = new PyroProxy(ns.lookup("lab.echo"));
        ns.close();
        try {
            assertEquals("hi", echo.call("echo", "hi"));
            LockChange locked = access.commandLineLocks().lock("lab.echo", "admin");
            assertEquals(LockChange.Outcome.LOCKED, locked.outcome());
            LockHolder holder = access.commandLineLocks().holder("lab.echo");
            assertEquals(locked.holder(), holder);
            assertEquals("admin", holder.user());
            assertEquals("localhost", holder.host());
            assertTrue(holder.describe().startsWith("admin@localhost since "), holder.describe());
            assertThrows(Exception.class, () -> echo.call("echo", "x"));
            assertEquals(new LockChange(LockChange.Outcome.HELD, holder), access.commandLineLocks().lock("lab.echo", "someone"));
            assertEquals(new LockChange(LockChange.Outcome.HELD, holder), access.commandLineLocks().unlock("lab.echo", "someone", false));
            assertEquals(new LockChange(LockChange.Outcome.UNLOCKED, null), access.commandLineLocks().unlock("lab.echo", "admin", false));
            assertEquals(new LockChange(LockChange.Outcome.NOT_LOCKED, null), access.commandLineLocks().unlock("lab.echo", "admin", false));
            assertEquals("x", echo.call("echo", "x"));
        } finally {
            echo.close();
        }

        access.withdraw("lab.echo");
        assertTrue(listed(nsPort, "lab.echo", false).stream().noneMatch(e -> e.name().equals("lab.echo")));
    }

    @Test
    void endpointOnAPortInUseIsFailedWithAReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            access = new Access(Files.createTempDirectory("access-test"));
            access.configure(List.of(endpoint(taken.getLocalPort(), true)), List.of());
            ServiceDTO ep = row("ep");
            assertEquals(ServiceState.FAILED, ep.state);
            assertNotNull(ep.reason);
            assertTrue(ep.reason.startsWith("cannot bind 127.0.0.1:" + taken.getLocalPort()), ep.reason);
            assertThrows(IllegalStateException.class, () -> access.start("ep"));
        }
    }
}
