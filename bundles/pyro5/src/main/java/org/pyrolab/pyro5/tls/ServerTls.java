package org.pyrolab.pyro5.tls;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The TLS side of a server: its context and whether it asks clients for a certificate.
 *
 * @param context          holds the server's certificate chain and key, and the CA clients' certificates must chain to
 * @param needClientAuth   a client without a valid certificate is refused (Pyro5's {@code SSL_REQUIRECLIENTCERT})
 * @param wantClientAuth   a client is asked for a certificate but may have none: the server can tell the two apart
 */
public record ServerTls(SSLContext context, boolean needClientAuth, boolean wantClientAuth) {

    /**
     * TLS in server mode over an accepted connection, not yet shaken hands: the caller runs
     * {@link SSLSocket#startHandshake()} on the connection's own thread, with a deadline.
     * Closing the result closes {@code accepted}.
     */
    public SSLSocket layer(Socket accepted) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
        SSLParameters p = tls.getSSLParameters();
        p.setProtocols(TlsFiles.PROTOCOLS.clone());
        if (needClientAuth) {
            p.setNeedClientAuth(true);
        } else if (wantClientAuth) {
            p.setWantClientAuth(true);
        }
        tls.setSSLParameters(p);
        return tls;
    }
}
