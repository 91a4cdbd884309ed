package org.pyrolab.daemon.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.pyrolab.daemon.config.LabConfig.TlsSpec;
import org.pyrolab.pyro5.tls.Pem;
import org.pyrolab.pyro5.tls.TlsException;
import org.pyrolab.pyro5.tls.TlsFiles;

/**
 * Reads {@code tls: {cert, key, ca, require_client_cert}} of an endpoint or name server and opens
 * every file it names, so that a missing, unreadable or wrong file is a problem of the
 * configuration (with its key and file) and not a failure at the first connection.
 */
final class TlsCheck {

    private static final Set<String> KEYS = Set.of("cert", "key", "ca", "require_client_cert");
    private static final String HINT = " (`pyrolab tls init` makes a lab CA and certificates)";

    private final Check check;
    private final Path base;

    /** @param source the configuration file: relative paths are taken from its folder */
    TlsCheck(Check check, String source) {
        this.check = check;
        Path parent = source == null ? null : Path.of(source).toAbsolutePath().getParent();
        this.base = parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /** @param server an endpoint, which needs its own certificate; a name server may be only a client of one elsewhere */
    TlsSpec read(Map<String, Object> entry, String entryPath, boolean server) {
        Object node = entry.get("tls");
        if (node == null) {
            return null;
        }
        String path = entryPath + ".tls";
        Map<String, Object> body = check.map(node, path);
        if (body == null) {
            return null;
        }
        check.keys(body, path, KEYS);
        int before = check.problems.size();
        Path cert = file(body, path, "cert");
        Path key = file(body, path, "key");
        Path ca = file(body, path, "ca");
        boolean require = check.bool(body, path, "require_client_cert", false);
        if (server && cert == null && !body.containsKey("cert")) {
            check.error(path, "no `cert`; an endpoint with TLS needs its certificate and `key`" + HINT);
        }
        if (cert != null && key == null && !body.containsKey("key")) {
            check.error(path, "no `key`; give the private key of `cert`");
        }
        if (key != null && cert == null && !body.containsKey("cert")) {
            check.error(path, "no `cert`; give the certificate that `key` belongs to");
        }
        if (require && ca == null && !body.containsKey("ca")) {
            check.error(path + ".require_client_cert", "needs `ca`, the CA that client certificates must come from");
        }
        if (!body.containsKey("cert") && !body.containsKey("key") && !body.containsKey("ca")) {
            check.error(path, "give `ca` (to check a name server elsewhere) or `cert` and `key` (to serve TLS)");
        }
        if (check.problems.size() > before) {
            return null;
        }
        try {
            TlsFiles files = new TlsFiles(cert, key, ca, require);
            if (cert != null) {
                files.server(); // also a key that does not fit its certificate
            } else {
                files.client();
            }
        } catch (TlsException e) {
            check.error(path + (e.getMessage().startsWith("the key") ? ".key" : ""), e.getMessage());
            return null;
        }
        return new TlsSpec(string(cert), string(key), string(ca), require);
    }

    /** The file a key names, resolved and read on its own so that its problem names that key. */
    private Path file(Map<String, Object> body, String path, String key) {
        String name = check.text(body, path, key, null);
        if (name == null) {
            return null;
        }
        Path file = base.resolve(name).normalize();
        try {
            if (key.equals("key")) {
                Pem.privateKey(file);
            } else if (key.equals("ca")) {
                TlsFiles.caCertificates(file);
            } else {
                Pem.certificates(file);
            }
        } catch (TlsException e) {
            check.error(path + "." + key, e.getMessage() + (e.getMessage().endsWith("does not exist") ? HINT : ""));
            return null;
        }
        return file;
    }

    private static String string(Path p) {
        return p == null ? null : p.toString();
    }
}
