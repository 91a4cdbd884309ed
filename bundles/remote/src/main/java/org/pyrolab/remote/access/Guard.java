package org.pyrolab.remote.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.pyro5.server.AllowList;
import org.pyrolab.pyro5.server.LabSecret;

/**
 * Who may reach an endpoint or name server, from its configuration: the allow list (loopback
 * only when none is given) and the lab secret, read from its file at each start so that a changed
 * secret takes effect on {@code restart} or {@code reload}.
 */
final class Guard {
    private Guard() {
    }

    /** Loopback only without an {@code allow:} list, as before allow lists existed. */
    static AllowList allow(List<String> configured) {
        return configured == null ? AllowList.LOOPBACK : AllowList.parse(configured);
    }

    /** The secret's text, or null when none is configured. */
    static String secretText(String file) throws IOException {
        if (file == null) {
            return null;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the lab secret from " + file + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            throw new IOException("the lab secret file " + file + " is empty; write the secret into it");
        }
        return text;
    }

    static LabSecret secret(String file) throws IOException {
        String text = secretText(file);
        return text == null ? null : LabSecret.of(text);
    }

    /**
     * The handshake data PyroLab's own connections send: the secret as clients send it, or, with
     * this daemon's identity (to register names it then owns), {@code {"secret":…, "identity":…}}.
     */
    static Object handshake(String secretText, String identity) {
        if (identity == null) {
            return secretText; // null: the default "hello"
        }
        Map<String, Object> h = new LinkedHashMap<>();
        if (secretText != null) {
            h.put(LabSecret.SECRET_KEY, secretText);
        }
        h.put(LabSecret.IDENTITY_KEY, identity);
        return h;
    }

    /** A warning for ps and the log when a lab-facing bind only lets this computer in. */
    static String loopbackOnlyNote(String host, List<String> allow, String key) {
        boolean wide = !Hosts.bind(host).startsWith("127.") && !host.equals("::1");
        return wide && allow == null ? "listens on " + host + " but only this computer may connect (no `allow:`); add"
                + " allow: [<your lab network, e.g. 192.168.1.0/24>] under " + key : null;
    }
}
