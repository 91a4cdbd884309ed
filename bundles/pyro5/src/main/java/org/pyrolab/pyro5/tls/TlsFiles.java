package org.pyrolab.pyro5.tls;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PEM files of one TLS setting, as Pyro5 names them: for a server {@code SSL_SERVERCERT},
 * {@code SSL_SERVERKEY}, {@code SSL_CACERTS} and {@code SSL_REQUIRECLIENTCERT}; for a client
 * {@code SSL_CACERTS}, {@code SSL_CLIENTCERT} and {@code SSL_CLIENTKEY}.
 *
 * <pre>
 * ServerTls server = new TlsFiles(cert, key, ca, true).server();
 * SSLContext client = new TlsFiles(clientCert, clientKey, ca, false).client();
 * </pre>
 *
 * @param cert              certificate chain (leaf first), PEM; required for a server
 * @param key               private key of {@code cert}, PEM (PKCS#8, PKCS#1 or SEC1); required with {@code cert}
 * @param ca                the lab CA: a PEM file, or a folder of them; null for none
 * @param requireClientCert a server refuses clients without a certificate from {@code ca}
 */
public record TlsFiles(Path cert, Path key, Path ca, boolean requireClientCert) {

    /** TLS 1.3 and 1.2, as Python's default context negotiates; nothing older. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * A server's context. Clients are asked for a certificate whenever a CA is given (it must
     * chain to it), and refused without one when {@code requireClientCert}.
     */
    public ServerTls server() throws TlsException {
        if (cert == null || key == null) {
            throw new TlsException("a TLS server needs both `cert` and `key`");
        }
        if (requireClientCert && ca == null) {
            throw new TlsException("`require_client_cert` needs `ca`, the CA that client certificates must come from");
        }
        return new ServerTls(context(keyManagers(), trustManagers()), requireClientCert, ca != null);
    }

    /** A client's context: trusts {@code ca} (the JDK's own CAs when null) and presents {@code cert} when given. */
    public SSLContext client() throws TlsException {
        if ((cert == null) != (key == null)) {
            throw new TlsException("a client certificate needs both `cert` and `key`");
        }
        return context(cert == null ? null : keyManagers(), trustManagers());
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws TlsException {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys, trust, new SecureRandom());
            return c;
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private KeyManager[] keyManagers() throws TlsException {
        List<X509Certificate> chain = Pem.certificates(cert);
        PrivateKey privateKey = Pem.privateKey(key);
        requireMatch(privateKey, chain.get(0));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("key", privateKey, none, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, none);
            return f.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("cannot use the key " + key + " with " + cert + ": " + e.getMessage(), e);
        }
    }

    private TrustManager[] trustManagers() throws TlsException {
        if (ca == null) {
            return null; // the JDK's default CAs
        }
        List<X509Certificate> cas = caCertificates(ca);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("cannot use the CA " + ca + ": " + e.getMessage(), e);
        }
    }

    /** A file of CA certificates, or a folder whose PEM files hold them (Python's {@code capath}, without the hash names). */
    public static List<X509Certificate> caCertificates(Path ca) throws TlsException {
        if (!Files.isDirectory(ca)) {
            return Pem.certificates(ca);
        }
        List<X509Certificate> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ca)) {
            for (Path f : files) {
                String name = f.getFileName().toString().toLowerCase();
                if (Files.isRegularFile(f) && (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.matches("[0-9a-f]{8}\\.[0-9]+"))) {
                    all.addAll(Pem.certificates(f));
                }
            }
        } catch (IOException e) {
            throw new TlsException("the CA folder " + ca + " cannot be read: " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new TlsException("the CA folder " + ca + " holds no .pem, .crt or .cer certificate");
        }
        return all;
    }

    /** A key that does not belong to its certificate would only fail at the first handshake, with a vague message: say so now. */
    private void requireMatch(PrivateKey privateKey, X509Certificate leaf) throws TlsException {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "pyrolab key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(privateKey);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(leaf.getPublicKey());
            v.update(probe);
            if (v.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another kind than the certificate's: the same answer
        }
        throw new TlsException("the key " + key + " does not belong to the certificate " + cert + "; give the key made with it");
    }
}
