package org.pyrolab.pyro5.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AdvertisedHostTest {
    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void debiansHostNameOnLoopbackIsNeverAdvertised() throws Exception {
        // /etc/hosts: 127.0.1.1 labpc; the route to the outside leaves from eth0
        assertEquals("192.168.1.20", AdvertisedHost.choose(ip("192.168.1.20"), ip("127.0.1.1"), List.of(ip("192.168.1.20"))));
        // no route (an isolated lab network): the interfaces' address, not 127.0.1.1
        assertEquals("10.0.0.7", AdvertisedHost.choose(null, ip("127.0.1.1"), List.of(ip("fe80::1"), ip("10.0.0.7"))));
    }

    @Test
    void theHostNamesAddressWhenItIsReachableAndThereIsNoRoute() throws Exception {
        assertEquals("10.1.2.3", AdvertisedHost.choose(null, ip("10.1.2.3"), List.of(ip("172.17.0.1"), ip("10.1.2.3"))));
    }

    @Test
    void amongInterfacesIpv4SiteLocalFirstLinkLocalLast() throws Exception {
        assertEquals("192.168.5.5", AdvertisedHost.choose(null, null, List.of(ip("fe80::1%1"), ip("2001:db8::5"), ip("169.254.3.3"),
                ip("192.168.5.5"))));
        assertEquals("8.8.4.4", AdvertisedHost.choose(null, null, List.of(ip("fe80::1"), ip("169.254.3.3"), ip("8.8.4.4"))));
        assertEquals("2001:db8:0:0:0:0:0:5", AdvertisedHost.choose(null, null, List.of(ip("fe80::1"), ip("2001:db8::5"))));
        assertEquals("fe80:0:0:0:0:0:0:1", AdvertisedHost.choose(null, null, List.of(ip("fe80::1%1"))), "the zone is not part of a URI");
    }

    @Test
    void loopbackOnlyWhenThereIsNothingElse() throws Exception {
        assertEquals("127.0.0.1", AdvertisedHost.choose(ip("127.0.0.1"), ip("127.0.1.1"), List.of(ip("::1"))));
    }

    @Test
    void aSpecificBindIsAdvertisedAsItIs() {
        assertEquals("127.0.0.1", AdvertisedHost.forBind("127.0.0.1"));
        assertEquals("labpc.example", AdvertisedHost.forBind("labpc.example"), "an unresolvable name stays as given");
    }

    @Test
    void aWildcardBindOnThisMachineIsNotLoopbackWhenItHasANetwork() throws Exception {
        String chosen = AdvertisedHost.forBind("0.0.0.0");
        boolean hasNetwork = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .anyMatch(n -> {
                    try {
                        return n.isUp() && !n.isLoopback() && n.getInetAddresses().hasMoreElements();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                });
        if (hasNetwork) {
            assertFalse(ip(chosen).isLoopbackAddress(), chosen);
        }
    }
}
