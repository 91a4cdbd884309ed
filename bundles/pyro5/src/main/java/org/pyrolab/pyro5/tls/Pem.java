package org.pyrolab.pyro5.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files Pyro5's SSL settings name: certificates ({@code CERTIFICATE} blocks, a
 * chain or a CA bundle) and one private key — PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). Every failure is a
 * {@link TlsException} naming the file.
 */
public final class Pem {

    /** Files larger than this are not PEM certificates or keys; reading stops there. */
    static final long MAX_FILE = 1 << 20;
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private Pem() {
    }

    /** The certificates in {@code file}, in order (the first is the leaf of a chain). */
    public static List<X509Certificate> certificates(Path file) throws TlsException {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory = x509();
        for (Block b : blocks(file)) {
            if (b.type.equals("CERTIFICATE") || b.type.equals("TRUSTED CERTIFICATE")) {
                try {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der)));
                } catch (CertificateException e) {
                    throw new TlsException(file + " holds a CERTIFICATE block that is not a valid X.509 certificate (" + e.getMessage() + ")", e);
                }
            }
        }
        if (certs.isEmpty()) {
            throw new TlsException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); give a certificate file");
        }
        return certs;
    }

    /** The one private key in {@code file}. */
    public static PrivateKey privateKey(Path file) throws TlsException {
        for (Block b : blocks(file)) {
            byte[] pkcs8;
            try {
                switch (b.type) {
                    case "PRIVATE KEY" -> pkcs8 = b.der;
                    case "RSA PRIVATE KEY" -> pkcs8 = Der.pkcs8FromPkcs1(b.der);
                    case "EC PRIVATE KEY" -> pkcs8 = Der.pkcs8FromSec1(b.der);
                    case "ENCRYPTED PRIVATE KEY" -> throw new TlsException(file + " is an encrypted key, which PyroLab cannot use;"
                            + " write it unencrypted (openssl pkey -in KEY -out NEW) and keep it readable by you only");
                    default -> {
                        continue; // EC PARAMETERS and the like come before the key
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new TlsException(file + " holds a " + b.type + " that cannot be read: " + e.getMessage());
            }
            return decode(file, pkcs8);
        }
        throw new TlsException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----); give the key file that belongs to the certificate");
    }

    private static PrivateKey decode(Path file, byte[] pkcs8) throws TlsException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // the next algorithm
            }
        }
        throw new TlsException(file + " holds a private key of a kind this Java cannot read (RSA, EC and Ed25519 work)");
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws TlsException {
        String text = read(file);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsException(file + " has a damaged " + m.group(1) + " block (not base64)");
            }
        }
        if (text.contains("Proc-Type: 4,ENCRYPTED")) {
            // traditional OpenSSL encryption: headers inside the block, which the pattern above does not take
            throw new TlsException(file + " is an encrypted key, which PyroLab cannot use;"
                    + " write it unencrypted (openssl pkey -in KEY -out NEW) and keep it readable by you only");
        }
        if (blocks.isEmpty()) {
            throw new TlsException(file + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    private static String read(Path file) throws TlsException {
        try {
            if (Files.isDirectory(file)) {
                throw new TlsException(file + " is a folder; give a PEM file");
            }
            if (Files.size(file) > MAX_FILE) {
                throw new TlsException(file + " is larger than 1 MiB, too large for a PEM certificate or key");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsException(file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new TlsException(file + " cannot be read (permission denied)");
        } catch (TlsException e) {
            throw e;
        } catch (IOException e) {
            throw new TlsException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this Java has no X.509 support", e);
        }
    }
}
