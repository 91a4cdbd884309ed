package org.pyrolab.pyro5.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A lab secret: the text a client must send as its CONNECT's handshake data (Pyro5:
 * {@code proxy._pyroHandshake = secret}; Pyrolite: {@code proxy.pyroHandshake = secret}). PyroLab's
 * own clients may send {@code {"secret": ..., "identity": ...}} instead, to prove who owns a name
 * on a name server as well.
 *
 * <p>Only the SHA-256 digest is kept, and a given value is compared by its digest with
 * {@link MessageDigest#isEqual}: both sides are 32 bytes, so the comparison takes the same time
 * whatever the value and reveals neither its bytes nor its length.
 */
public final class LabSecret {

    /** The key of the secret when the handshake data is a dict. */
    public static final String SECRET_KEY = "secret";
    /** The key of a PyroLab daemon's identity when the handshake data is a dict. */
    public static final String IDENTITY_KEY = "identity";

    private final byte[] digest;

    private LabSecret(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The secret with this text; surrounding whitespace (a file's final newline) is not part of it.
     *
     * @throws IllegalArgumentException for an empty secret
     */
    public static LabSecret of(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the lab secret is empty");
        }
        return new LabSecret(sha256(t));
    }

    /** Whether the CONNECT's handshake data carries this secret. */
    public boolean matches(Object handshake) {
        Object given = handshake instanceof Map<?, ?> m ? m.get(SECRET_KEY) : handshake;
        // a value of the wrong kind is compared too (as the empty string), so time reveals nothing
        String text = given instanceof String s ? s.strip() : "";
        return MessageDigest.isEqual(digest, sha256(text));
    }

    /** The identity a PyroLab daemon sent in a dict handshake, as a digest (hex), or null. */
    public static String identity(Object handshake) {
        Object id = handshake instanceof Map<?, ?> m ? m.get(IDENTITY_KEY) : null;
        if (!(id instanceof String s) || s.length() < 16 || s.length() > 256) {
            return null;
        }
        return HexFormat.of().formatHex(sha256(s));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "LabSecret[hidden]";
    }
}
