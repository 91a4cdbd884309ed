package org.pyrolab.pyro5.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made fresh for each test, in a temporary folder: a CA, certificates it signs for
 * localhost/127.0.0.1, expired ones, keys in each PEM format. No key material is committed.
 */
final class TestPki {

    enum KeyFormat { PKCS8, TRADITIONAL } // TRADITIONAL: PKCS#1 for RSA, SEC1 for EC

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final Path dir;
    final KeyPair caKeys;
    final X509Certificate ca;
    final Path caFile;

    TestPki(Path dir, String name) throws Exception {
        this.dir = dir;
        this.caKeys = keys("EC");
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), subject, caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = sign(b, caKeys.getPrivate());
        this.caFile = write(name + "-ca.pem", pem(ca));
    }

    static KeyPair keys(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    /** A certificate signed by this CA for localhost and 127.0.0.1, valid from {@code from} to {@code to}. */
    Issued issue(String cn, String algorithm, KeyFormat format, Instant from, Instant to) throws Exception {
        return issue(cn, algorithm, format, from, to, "localhost");
    }

    /** As above, for {@code dnsName} (and 127.0.0.1 only when it is localhost). */
    Issued issue(String cn, String algorithm, KeyFormat format, Instant from, Instant to, String dnsName) throws Exception {
        KeyPair pair = keys(algorithm);
        // the issuer name must be the CA's subject for the chain to build
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.getSubjectX500Principal(), serial(), Date.from(from), Date.from(to),
                new javax.security.auth.x500.X500Principal("CN=" + cn), pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsName.equals("localhost")
                ? new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}
                : new GeneralName[] {new GeneralName(GeneralName.dNSName, dnsName)}));
        X509Certificate cert = sign(b, caKeys.getPrivate());
        Path certFile = write(cn + ".crt.pem", pem(cert));
        Path keyFile = write(cn + ".key.pem", format == KeyFormat.PKCS8 ? pem(new JcaPKCS8Generator(pair.getPrivate(), null)) : traditional(pair.getPrivate()));
        return new Issued(cert, pair.getPrivate(), certFile, keyFile);
    }

    Issued issue(String cn) throws Exception {
        Instant now = Instant.now();
        return issue(cn, "EC", KeyFormat.PKCS8, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    record Issued(X509Certificate cert, PrivateKey key, Path certFile, Path keyFile) {
    }

    /** PKCS#1 for RSA; SEC1 with its named curve for EC, as {@code openssl ecparam -genkey} writes it (BC leaves the curve out). */
    static String traditional(PrivateKey key) throws IOException {
        if (!key.getAlgorithm().equals("EC")) {
            return pem(key);
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), curve);
        return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) throws Exception {
        String alg = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
