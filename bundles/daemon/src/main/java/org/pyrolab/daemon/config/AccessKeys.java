package org.pyrolab.daemon.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys that say who may reach an endpoint or name server: {@code allow} (addresses and CIDR
 * networks) and {@code secret_file} (the lab secret). Checked here, when the file is validated,
 * so that a typo is a config error with its line and not a silent refusal of every client later.
 */
final class AccessKeys {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private AccessKeys() {
    }

    /** The {@code allow} list as written, or null when the key is absent (loopback only). */
    static List<String> allow(Check check, Map<String, Object> body, String path) {
        Object value = body.get("allow");
        if (value == null) {
            return null;
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".allow" + (value instanceof List ? "[" + i + "]" : "");
            String problem = list.get(i) instanceof String s ? problem(s.trim()) : "expected an address or network";
            if (problem != null) {
                check.error(at, "`" + list.get(i) + "`: " + problem + "; write an address or network such as 192.168.1.0/24,"
                        + " 10.0.0.5 or fd00::/8, or `any`");
            } else {
                out.add(((String) list.get(i)).trim());
            }
        }
        if (out.isEmpty() && check.ok()) {
            check.error(path + ".allow", "an empty list lets nobody connect; leave `allow` out for loopback only, or list addresses");
        }
        return out;
    }

    /** Why an allow entry is wrong, or null. Literals only: a host name would need a DNS lookup. */
    static String problem(String entry) {
        String e = entry.toLowerCase();
        if (e.equals("any") || e.equals("loopback") || e.equals("localhost")) {
            return null;
        }
        int slash = e.indexOf('/');
        String address = slash < 0 ? e : e.substring(0, slash);
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return "not an IP address or CIDR network";
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (IOException | RuntimeException x) {
            return "not a valid IP address";
        }
        if (v4 && bytes.length != 4) {
            return "not a valid IPv4 address";
        }
        if (slash >= 0) {
            String bits = e.substring(slash + 1);
            int max = v4 ? 32 : 128;
            if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
                return "the prefix length after `/` must be 0-" + max;
            }
        }
        return null;
    }

    /**
     * The absolute path of {@code secret_file} (relative to {@code folder}, the configuration
     * file's folder), or null when absent. The file must exist, hold a secret and be readable by
     * its owner only, as the control token is.
     */
    static String secretFile(Check check, Map<String, Object> body, String path, Path folder) {
        String value = check.text(body, path, "secret_file", null);
        if (value == null) {
            return null;
        }
        String at = path + ".secret_file";
        Path file = folder.resolve(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            check.error(at, "there is no file " + file + "; create it with the lab secret in it (owner-only: chmod 600)");
            return null;
        }
        try {
            if (Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
                check.error(at, file + " is empty; write the lab secret into it");
                return null;
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null && posix.readAttributes().permissions().stream().anyMatch(OTHERS::contains)) {
                check.error(at, file + " can be read by others; make it the owner's only with `chmod 600 " + file + "`");
                return null;
            }
        } catch (IOException | RuntimeException e) {
            check.error(at, "cannot read " + file + ": " + e.getMessage());
            return null;
        }
        return file.toString();
    }
}
