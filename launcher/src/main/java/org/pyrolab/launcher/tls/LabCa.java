package org.pyrolab.launcher.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * A small lab CA: EC P-256 keys (every Python ssl and Java accepts them), a CA valid ten years,
 * server and client certificates valid two years and signed by it. Bouncy Castle builds the
 * certificates: the JDK has no public API for that.
 */
final class LabCa {

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(730);
    private static final SecureRandom RANDOM = new SecureRandom();

    final X509Certificate cert;
    final PrivateKey key;

    private LabCa(X509Certificate cert, PrivateKey key) {
        this.cert = cert;
        this.key = key;
    }

    static LabCa create(String name) throws GeneralSecurityException, IOException {
        KeyPair pair = keys();
        X500Principal subject = new X500Principal("CN=" + name + ", O=PyroLab");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        return new LabCa(sign(b, pair.getPrivate()), pair.getPrivate());
    }

    /** The CA made earlier, from its two files. */
    static LabCa load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        Object cert = parse(certFile);
        Object key = parse(keyFile);
        if (!(cert instanceof X509CertificateHolder holder)) {
            throw new IOException(certFile + " is not a PEM certificate; move it away, or run `pyrolab tls init --force` to make a new CA");
        }
        PrivateKey privateKey;
        if (key instanceof PrivateKeyInfo info) {
            privateKey = new JcaPEMKeyConverter().getPrivateKey(info);
        } else if (key instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
            privateKey = new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
        } else {
            throw new IOException(keyFile + " is not an unencrypted PEM private key; move it away, or run `pyrolab tls init --force`");
        }
        return new LabCa(new JcaX509CertificateConverter().getCertificate(holder), privateKey);
    }

    private static Object parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            return p.readObject();
        }
    }

    /** A certificate for a server reached by {@code names} (DNS names or addresses) or a client called {@code name}. */
    Issued issue(String commonName, List<String> names, boolean server) throws GeneralSecurityException, IOException {
        KeyPair pair = keys();
        Instant now = Instant.now();
        Instant end = now.plus(LEAF_VALIDITY);
        if (end.isAfter(cert.getNotAfter().toInstant())) {
            end = cert.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(cert.getSubjectX500Principal(), serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(end), new X500Principal("CN=" + commonName + ", O=PyroLab"),
                pair.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false, server
                // a server certificate also authenticates its daemon as a client: registering on another computer's two-way TLS name server
                ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
                : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        if (!names.isEmpty()) {
            GeneralName[] alt = names.stream().map(LabCa::altName).toArray(GeneralName[]::new);
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
        }
        return new Issued(sign(b, key), pair.getPrivate());
    }

    record Issued(X509Certificate cert, PrivateKey key) {
    }

    /** Python checks the URI's host against these: an address must be an IP entry, a name a DNS entry. */
    private static GeneralName altName(String name) {
        return HostNames.isAddress(name) ? new GeneralName(GeneralName.iPAddress, HostNames.bare(name)) : new GeneralName(GeneralName.dNSName, name);
    }

    static String pem(X509Certificate c) throws IOException {
        return write(c);
    }

    /** PKCS#8, unencrypted: what Python's load_cert_chain and our reader take; the file is the user's alone. */
    static String pem(PrivateKey k) throws IOException {
        return write(new JcaPKCS8Generator(k, null));
    }

    private static String write(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE); // positive, unique with high probability (RFC 5280)
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
