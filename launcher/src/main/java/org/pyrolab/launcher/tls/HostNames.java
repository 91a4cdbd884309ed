package org.pyrolab.launcher.tls;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names and addresses this computer is reached by, for its server certificate: a Pyro5
 * client checks the host of the URI it was given (a name, or an address when the endpoint
 * advertises one) against the certificate, so every one of them must be in it.
 */
final class HostNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    static Set<String> ofThisComputer(List<String> extra) {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // a computer without a resolvable name: its addresses and --host still count
        }
        names.add("127.0.0.1");
        names.add("0:0:0:0:0:0:0:1");
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    names.add(bare(a.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: the loopback names above still work
        }
        names.addAll(extra);
        Set<String> unique = new LinkedHashSet<>();
        for (String n : names) {
            unique.add(isAddress(n) ? canonical(n) : n); // ::1 and 0:0:0:0:0:0:0:1 are one entry
        }
        return unique;
    }

    private static String canonical(String address) {
        try {
            return bare(InetAddress.getByName(bare(address)).getHostAddress());
        } catch (UnknownHostException e) {
            return address;
        }
    }

    static boolean isAddress(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }

    /** {@code fe80::1%eth0} without its zone, which a certificate cannot carry. */
    static String bare(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
