package org.pyrolab.daemon.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.control.AtomicFile;
import org.pyrolab.control.OwnerOnlyFiles;
import org.pyrolab.daemon.config.LabConfig.WebSpec;
import org.pyrolab.pyro5.tls.Pem;
import org.pyrolab.pyro5.tls.TlsException;

/**
 * The settings Felix HTTP Jetty reads when its bundle starts, for one {@link WebSpec}. Felix's
 * {@code BundleContext.getProperty} falls back to the system properties, so they are set there
 * before Jetty starts (and it is restarted to change them): it never opens its default 8080.
 * The limits bound what one socket can hold: header size, body size, idle time, threads.
 */
final class JettySettings {
    /** A request's header block; more is refused with 431. */
    static final int HEADER_BYTES = 8 * 1024;
    /**
     * The outer bound of a request's body, Jetty's own (answered with its HTML error page); the
     * page's context refuses more than 4 KiB itself first, with a JSON error.
     */
    static final int BODY_BYTES = 64 * 1024;
    /** A connection with no byte moving either way for this long is closed: a stalled SSE write too. */
    static final int IDLE_MS = 10_000;
    /** Jetty's threads: acceptor and selector, up to 16 event streams, and the rest for requests. */
    static final int THREADS = 40;

    /** Every key this class sets, so that turning the page off or changing it leaves no stale one. */
    static final List<String> KEYS = List.of("org.osgi.service.http.port", "org.apache.felix.http.host", "org.apache.felix.http.enable",
            "org.apache.felix.https.enable", "org.osgi.service.http.port.secure", "org.apache.felix.https.keystore",
            "org.apache.felix.https.keystore.password", "org.apache.felix.https.keystore.key.password",
            "org.apache.felix.https.keystore.type", "org.apache.felix.http.timeout", "org.apache.felix.http.jetty.headerBufferSize",
            "org.apache.felix.http.jetty.requestSizeLimit", "org.apache.felix.http.jetty.maxFormSize",
            "org.apache.felix.http.jetty.threadpool.max", "org.apache.felix.http.jetty.acceptors", "org.apache.felix.http.jetty.selectors",
            "org.apache.felix.http.jetty.sendServerHeader", "org.apache.felix.jetty.gziphandler.enable", "org.apache.felix.http2.enable",
            "org.apache.felix.http.mbeans", "org.apache.felix.jetty.websocket.enable", "org.apache.felix.jakarta.websocket.enable",
            "org.apache.felix.http.jetty.virtualthreads.enable", "slf4j.internal.verbosity");

    private JettySettings() {
    }

    /** The properties for {@code spec}; with TLS, writes the owner-only keystore into {@code folder}. */
    static Map<String, String> of(WebSpec spec, Path folder) throws IOException, TlsException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.apache.felix.http.host", spec.host());
        if (spec.tls() == null) {
            p.put("org.apache.felix.http.enable", "true");
            p.put("org.osgi.service.http.port", Integer.toString(spec.port()));
            p.put("org.apache.felix.https.enable", "false");
        } else {
            String password = HexFormat.of().formatHex(random(16));
            Path keystore = keystore(spec, folder, password);
            p.put("org.apache.felix.http.enable", "false");
            p.put("org.apache.felix.https.enable", "true");
            p.put("org.osgi.service.http.port.secure", Integer.toString(spec.port()));
            p.put("org.apache.felix.https.keystore", keystore.toString());
            p.put("org.apache.felix.https.keystore.password", password);
            p.put("org.apache.felix.https.keystore.key.password", password);
            p.put("org.apache.felix.https.keystore.type", "PKCS12");
        }
        p.put("org.apache.felix.http.timeout", Integer.toString(IDLE_MS));
        p.put("org.apache.felix.http.jetty.headerBufferSize", Integer.toString(HEADER_BYTES));
        p.put("org.apache.felix.http.jetty.requestSizeLimit", Integer.toString(BODY_BYTES));
        p.put("org.apache.felix.http.jetty.maxFormSize", Integer.toString(BODY_BYTES));
        p.put("org.apache.felix.http.jetty.threadpool.max", Integer.toString(THREADS));
        p.put("org.apache.felix.http.jetty.acceptors", "1");
        p.put("org.apache.felix.http.jetty.selectors", "1");
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        // gzip would hold back Server-Sent Events until its buffer fills
        p.put("org.apache.felix.jetty.gziphandler.enable", "false");
        p.put("org.apache.felix.http2.enable", "false");
        p.put("org.apache.felix.http.mbeans", "false");
        p.put("org.apache.felix.jetty.websocket.enable", "false");
        p.put("org.apache.felix.jakarta.websocket.enable", "false");
        p.put("org.apache.felix.http.jetty.virtualthreads.enable", "false");
        // SLF4J finds no provider in the framework and says so once on stderr; Jetty's own log is not needed
        p.put("slf4j.internal.verbosity", "ERROR");
        return p;
    }

    /** A PKCS12 keystore of the PEM certificate chain and key, with a random password, readable by the owner only. */
    private static Path keystore(WebSpec spec, Path folder, String password) throws IOException, TlsException {
        List<X509Certificate> chain = Pem.certificates(Path.of(spec.tls().cert()));
        PrivateKey key = Pem.privateKey(Path.of(spec.tls().key()));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("pyrolab-web", key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password.toCharArray());
            OwnerOnlyFiles.createDirectories(folder);
            Path file = folder.resolve("keystore.p12");
            AtomicFile.write(file, bytes.toByteArray()); // created owner-only (0600) before a byte goes in
            return file;
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot make a keystore of " + spec.tls().cert() + " and its key: " + e.getMessage());
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
