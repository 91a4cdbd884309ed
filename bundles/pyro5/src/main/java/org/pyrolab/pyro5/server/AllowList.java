package org.pyrolab.pyro5.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The peer addresses a server accepts connections from: single addresses and CIDR networks,
 * IPv4 and IPv6. An IPv4 peer that arrives as an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d},
 * as on a dual-stack socket) matches the IPv4 entries. Checked at accept, before the connection
 * takes a slot or a thread, so a peer that is not allowed costs one accept and one close.
 *
 * <p>Words: {@code any} allows everyone; {@code loopback} (or {@code localhost}) is
 * {@code 127.0.0.0/8} and {@code ::1}. Host names are not accepted: they would be resolved once, and
 * a lab's DNS is no better proof of who a peer is than its address.
 */
public final class AllowList {

    /** Everyone. */
    public static final AllowList ANY = new AllowList(List.of(new Network(new byte[4], 0), new Network(new byte[16], 0)), "any");
    /** This computer only: what an endpoint accepts when its configuration says nothing. */
    public static final AllowList LOOPBACK = parse(List.of("loopback"));

    private final List<Network> networks;
    private final String text;

    private AllowList(List<Network> networks, String text) {
        this.networks = networks;
        this.text = text;
    }

    /**
     * Parses entries such as {@code 192.168.1.0/24}, {@code 10.0.0.5}, {@code fd00::/8}, {@code any}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or network
     */
    public static AllowList parse(List<String> entries) {
        List<Network> out = new ArrayList<>();
        for (String raw : entries) {
            String e = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            switch (e) {
                case "any" -> {
                    return new AllowList(ANY.networks, String.join(", ", entries));
                }
                case "loopback", "localhost" -> {
                    out.add(network("127.0.0.0/8"));
                    out.add(network("::1/128"));
                }
                default -> out.add(network(e));
            }
        }
        return new AllowList(List.copyOf(out), String.join(", ", entries));
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(address, entry);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("`" + entry + "` has a prefix length outside 0-" + bytes.length * 8);
            }
        }
        return new Network(bytes, bits);
    }

    /** The bytes of an IP literal, never a DNS lookup (InetAddress.getByName would resolve names). */
    private static byte[] literal(String address, String entry) {
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("`" + entry + "` is not an IP address or network; write one like"
                    + " 192.168.1.0/24, 10.0.0.5 or fd00::/8, or `any`");
        }
        try {
            return canonical(InetAddress.getByName(address)).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("`" + entry + "` is not a valid IP address or network");
        }
    }

    /** IPv4-mapped IPv6 addresses as the IPv4 address they carry. */
    static InetAddress canonical(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return a; // four bytes are always a valid address
                }
            }
        }
        return a;
    }

    /** Whether a peer at {@code address} may connect. */
    public boolean permits(InetAddress address) {
        byte[] b = canonical(address).getAddress();
        for (Network n : networks) {
            if (n.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a just-accepted connection may go on; if not, it is closed at once and logged (at
     * most once per address per interval, see {@link RefusalLog}): it cost one accept and one close.
     */
    boolean admits(java.net.Socket s, RefusalLog refusals) {
        if (permits(s.getInetAddress())) {
            return true;
        }
        refusals.warn(s.getInetAddress().getHostAddress(), "refused a connection on port " + s.getLocalPort()
                + ": this address is not in the endpoint's allow list (" + this + ")");
        try {
            s.close();
        } catch (java.io.IOException e) {
            // closed as far as we are concerned
        }
        return false;
    }

    /** Every address is allowed. */
    public boolean isAny() {
        return networks == ANY.networks;
    }

    /** Only loopback addresses are allowed. */
    public boolean isLoopbackOnly() {
        for (Network n : networks) {
            try {
                InetAddress first = InetAddress.getByAddress(n.prefix);
                if (!first.isLoopbackAddress() || (first instanceof Inet4Address && n.bits < 8)) {
                    return false;
                }
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }
}
