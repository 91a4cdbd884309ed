package org.pyrolab.remote.access;

import java.nio.file.Path;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.pyrolab.api.dto.TlsDTO;
import org.pyrolab.pyro5.tls.ServerTls;
import org.pyrolab.pyro5.tls.TlsException;
import org.pyrolab.pyro5.tls.TlsFiles;

/** The {@code tls:} of an endpoint or name server as pyro5 takes it. Files are read at every start, so a renewed certificate takes effect on restart. */
final class TlsSettings {

    private TlsSettings() {
    }

    static ServerTls server(TlsDTO tls) throws TlsException {
        return files(tls).server();
    }

    /** A client of a name server elsewhere: {@code ca} checks it, {@code cert} and {@code key} (when given) say who this daemon is. */
    static SSLContext client(TlsDTO tls) throws TlsException {
        return files(tls).client();
    }

    /**
     * This daemon reaching a name server it runs itself ({@code pyrolab nslist}): it trusts the lab
     * CA when {@code ca} is given, else that name server's own certificate, and presents that
     * certificate as its client certificate (the lab CA's server certificates are for client
     * authentication too), so two-way TLS lets it in.
     */
    static SSLContext ownClient(TlsDTO tls) throws TlsException {
        Path cert = path(tls.cert);
        return new TlsFiles(cert, path(tls.key), tls.ca != null ? path(tls.ca) : cert, false).client();
    }

    static boolean same(TlsDTO a, TlsDTO b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.cert, b.cert) && Objects.equals(a.key, b.key) && Objects.equals(a.ca, b.ca)
                && a.requireClientCert == b.requireClientCert;
    }

    private static TlsFiles files(TlsDTO tls) {
        return new TlsFiles(path(tls.cert), path(tls.key), path(tls.ca), tls.requireClientCert);
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }
}
