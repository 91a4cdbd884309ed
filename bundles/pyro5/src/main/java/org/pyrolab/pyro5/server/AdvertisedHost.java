package org.pyrolab.pyro5.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The host a server writes into its URIs, which clients on other computers connect to. Bound to
 * one address, that address. Bound to a wildcard ({@code 0.0.0.0}), never what the host name
 * resolves to blindly: Debian and Ubuntu map the host name to {@code 127.0.1.1}, which a client
 * elsewhere cannot reach. The address the system would send from towards the outside (the route
 * a connected UDP socket picks; no packet is sent) wins when it is not loopback, then the host
 * name's address when not loopback, then the first up, non-loopback interface address (IPv4
 * before IPv6, site-local before others, link-local last); loopback only when there is nothing
 * else.
 */
public final class AdvertisedHost {
    private AdvertisedHost() {
    }

    /** The host for URIs of a server bound to {@code bindHost}, from what this machine has now. */
    public static String forBind(String bindHost) {
        try {
            InetAddress bound = InetAddress.getByName(bindHost);
            if (!bound.isAnyLocalAddress()) {
                return bindHost;
            }
        } catch (IOException e) {
            return bindHost;
        }
        return choose(routeAddress(), localHost(), interfaceAddresses());
    }

    /**
     * The choice for a wildcard bind, from the facts (each may be null or empty): the source
     * address of the default route, the host name's address, and the addresses of the up interfaces.
     */
    static String choose(InetAddress route, InetAddress localHost, List<InetAddress> interfaces) {
        if (usable(route)) {
            return literal(route);
        }
        if (usable(localHost)) {
            return literal(localHost);
        }
        Optional<InetAddress> best = interfaces.stream().filter(AdvertisedHost::usable)
                .min(Comparator.comparingInt(AdvertisedHost::rank));
        if (best.isPresent()) {
            return literal(best.get());
        }
        return "127.0.0.1"; // nothing but loopback: only this computer can connect anyway
    }

    private static boolean usable(InetAddress a) {
        return a != null && !a.isLoopbackAddress() && !a.isAnyLocalAddress() && !a.isMulticastAddress();
    }

    private static int rank(InetAddress a) {
        int family = a instanceof Inet4Address ? 0 : 10;
        int scope = a.isSiteLocalAddress() ? 0 : a.isLinkLocalAddress() ? 2 : 1;
        return family + scope;
    }

    private static String literal(InetAddress a) {
        String text = a.getHostAddress();
        int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }

    private static InetAddress routeAddress() {
        try (DatagramSocket probe = new DatagramSocket()) {
            // TEST-NET-1 (RFC 5737): routed like any outside address, never answered; connect sends nothing
            probe.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) 123}), 9));
            return probe.getLocalAddress();
        } catch (IOException | RuntimeException noRoute) {
            return null;
        }
    }

    private static InetAddress localHost() {
        try {
            return InetAddress.getLocalHost();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                NetworkInterface nic = interfaces.nextElement();
                if (nic.isUp() && !nic.isLoopback()) {
                    addresses.addAll(java.util.Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // none known
        }
        return addresses;
    }
}
