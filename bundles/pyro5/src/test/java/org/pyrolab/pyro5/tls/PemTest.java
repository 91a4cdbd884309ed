package org.pyrolab.pyro5.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEM keys in each format openssl and Python's tooling write, and the one-line errors for bad files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PemTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8, PRIVATE KEY", "RSA, TRADITIONAL, RSA PRIVATE KEY", "EC, PKCS8, PRIVATE KEY", "EC, TRADITIONAL, EC PRIVATE KEY"})
    void readsEachKeyFormat(String algorithm, TestPki.KeyFormat format, String block) throws Exception {
        TestPki pki = new TestPki(dir, "lab");
        Instant now = Instant.now();
        TestPki.Issued issued = pki.issue("server", algorithm, format, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        assertTrue(Files.readString(issued.keyFile()).contains("-----BEGIN " + block + "-----"), "the test wrote a " + block);

        PrivateKey key = Pem.privateKey(issued.keyFile());

        assertEquals(algorithm, key.getAlgorithm());
        if (key instanceof java.security.interfaces.ECPrivateKey ec) { // encodings differ by where the curve is named
            assertEquals(((java.security.interfaces.ECPrivateKey) issued.key()).getS(), ec.getS(), "the same key as written");
        } else {
            assertEquals(issued.key(), key, "the same key as written");
        }
        new TlsFiles(issued.certFile(), issued.keyFile(), pki.caFile, true).server(); // and it fits its certificate
    }

    @Test
    void readsAChainAndACaFolder() throws Exception {
        TestPki pki = new TestPki(dir, "lab");
        TestPki.Issued issued = pki.issue("server");
        Path chain = pki.write("chain.pem", Files.readString(issued.certFile()) + Files.readString(pki.caFile));
        assertEquals(2, Pem.certificates(chain).size());

        Path folder = Files.createDirectory(dir.resolve("cas"));
        Files.copy(pki.caFile, folder.resolve("lab.pem"));
        Files.writeString(folder.resolve("README"), "not a certificate");
        assertEquals(1, TlsFiles.caCertificates(folder).size());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedWhenRead() throws Exception {
        TestPki pki = new TestPki(dir, "lab");
        TestPki.Issued a = pki.issue("a");
        TestPki.Issued b = pki.issue("b");

        TlsException e = assertThrows(TlsException.class, () -> new TlsFiles(a.certFile(), b.keyFile(), null, false).server());

        assertEquals("the key " + b.keyFile() + " does not belong to the certificate " + a.certFile() + "; give the key made with it", e.getMessage());
    }

    @Test
    void badFilesAreOneSentenceNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");

        assertEquals(missing + " does not exist", assertThrows(TlsException.class, () -> Pem.certificates(missing)).getMessage());
        assertEquals(text + " is not a PEM file (no -----BEGIN ...----- block)",
                assertThrows(TlsException.class, () -> Pem.privateKey(text)).getMessage());
        assertTrue(assertThrows(TlsException.class, () -> Pem.privateKey(encrypted)).getMessage().contains("is an encrypted key"));
        assertTrue(assertThrows(TlsException.class, () -> Pem.certificates(encrypted)).getMessage().contains("holds no PEM certificate"));
        assertEquals(dir + " is a folder; give a PEM file", assertThrows(TlsException.class, () -> Pem.privateKey(dir)).getMessage());
    }
}
