package org.pyrolab.pyro5.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AllowListTest {

    private static boolean permits(AllowList a, String address) throws Exception {
        return a.permits(InetAddress.getByName(address));
    }

    @Test
    void ipv4NetworksAndAddresses() throws Exception {
        AllowList a = AllowList.parse(List.of("192.168.1.0/24", "10.0.0.5", "172.16.0.0/12"));
        assertTrue(permits(a, "192.168.1.77"));
        assertFalse(permits(a, "192.168.2.1"));
        assertTrue(permits(a, "10.0.0.5"));
        assertFalse(permits(a, "10.0.0.6"));
        assertTrue(permits(a, "172.31.255.255"));
        assertFalse(permits(a, "172.32.0.1"));
        assertFalse(permits(a, "127.0.0.1"));
    }

    @Test
    void ipv6NetworksAndMappedIpv4() throws Exception {
        AllowList a = AllowList.parse(List.of("fd00::/8", "2001:db8::1", "192.168.1.0/24"));
        assertTrue(permits(a, "fd12:3456::1"));
        assertFalse(permits(a, "fe80::1"));
        assertTrue(permits(a, "2001:db8::1"));
        assertFalse(permits(a, "2001:db8::2"));
        // a dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d: they match the IPv4 entries
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 1, 9};
        assertTrue(a.permits(java.net.Inet6Address.getByAddress(null, mapped, -1)));
        mapped[14] = 2;
        assertFalse(a.permits(java.net.Inet6Address.getByAddress(null, mapped, -1)));
        assertFalse(permits(a, "192.168.2.9"));
    }

    @Test
    void wordsAnyAndLoopback() throws Exception {
        assertTrue(permits(AllowList.parse(List.of("any")), "8.8.8.8"));
        assertTrue(permits(AllowList.parse(List.of("any")), "2001:db8::5"));
        assertTrue(permits(AllowList.parse(List.of("0.0.0.0/0")), "8.8.8.8"));
        assertTrue(permits(AllowList.LOOPBACK, "127.0.0.1"));
        assertTrue(permits(AllowList.LOOPBACK, "127.1.2.3"));
        assertTrue(permits(AllowList.LOOPBACK, "::1"));
        assertFalse(permits(AllowList.LOOPBACK, "192.168.1.1"));
        assertTrue(AllowList.LOOPBACK.isLoopbackOnly());
        assertFalse(AllowList.parse(List.of("10.0.0.0/8")).isLoopbackOnly());
    }

    @Test
    void invalidEntriesSayWhich() {
        for (String bad : List.of("192.168.1.0/33", "fd00::/129", "300.1.1.1", "lab-pc.example", "10.0.0.0/x", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowList.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().contains("`" + bad.toLowerCase() + "`"), e.getMessage());
        }
    }
}
