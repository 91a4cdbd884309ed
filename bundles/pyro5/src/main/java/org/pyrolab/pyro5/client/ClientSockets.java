package org.pyrolab.pyro5.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.pyrolab.pyro5.tls.TlsFiles;

/** Opens a client's socket: TCP within the timeout, then TLS from the first byte when asked for. */
final class ClientSockets {

    private ClientSockets() {
    }

    static Socket open(String host, int port, ClientOptions options) throws IOException {
        Socket plain = new Socket();
        try {
            try {
                plain.connect(new InetSocketAddress(host, port), options.timeoutMillis());
            } catch (IOException e) {
                throw new IOException("nothing answers at " + host + ":" + port + " (" + e.getMessage() + ")", e);
            }
            plain.setTcpNoDelay(true);
            return options.tls() == null ? plain : secure(plain, host, port, options.tls(), options.timeoutMillis());
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** TLS over the connected socket, checking that the certificate names {@code host} as Python's ssl module does. */
    private static SSLSocket secure(Socket plain, String host, int port, SSLContext context, int timeoutMillis) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(TlsFiles.PROTOCOLS.clone()); // TLS 1.2 and 1.3, as Python's default context
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            String reason = reason(e, host);
            if (reason == null) { // the server hung up mid-handshake: under TLS 1.3 that is how a client certificate is refused
                reason = "the server closed the connection; " + clientCertificateAdvice() + " (" + e.getMessage() + ")";
            }
            tls.close();
            throw new IOException("TLS handshake with " + host + ":" + port + " failed: " + reason, e);
        }
        return tls;
    }

    /**
     * With TLS 1.3 a server checks the client's certificate after the client's side of the
     * handshake is done, so its refusal shows only as the CONNECT failing ("Broken pipe", an alert):
     * say what it means. Anything else, and plain TCP, stays as it is.
     */
    static IOException refusedAfterHandshake(Socket socket, String where, IOException e) {
        if (!(socket instanceof SSLSocket) || e instanceof java.net.SocketTimeoutException) {
            return e;
        }
        return new IOException("the server at " + where + " closed the TLS connection at its first message; "
                + clientCertificateAdvice() + " (" + e.getMessage() + ")", e);
    }

    /**
     * Whether this client sent a certificate cannot be told reliably once the server has hung up
     * (and the JDK sends none when its certificate is not from a CA the server names), so the
     * advice covers both.
     */
    private static String clientCertificateAdvice() {
        return "it may require a client certificate from its CA (Pyro5's SSL_CLIENTCERT and SSL_CLIENTKEY):"
                + " this client has none, or one from another CA or no longer valid";
    }

    /**
     * Says which side is wrong: the JDK's own words ("PKIX path building failed") mean little to a
     * scientist. Null when the connection simply broke (reset, broken pipe).
     */
    private static String reason(IOException e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateExpiredException) {
                return "the server's certificate has expired (" + t.getMessage() + "); renew it (`pyrolab tls init --host NAME` makes a new one)";
            }
            if (t instanceof java.security.cert.CertificateNotYetValidException) {
                return "the server's certificate is not valid yet (" + t.getMessage() + "); check both computers' clocks";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return "the server's certificate is not signed by a CA this client trusts (" + e.getMessage() + ")";
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains(" matching ")) {
                return "the server's certificate does not name " + host + " (" + t.getMessage() + ")";
            }
        }
        if (e instanceof SSLException && !(e.getCause() instanceof CertificateException)) {
            return e.getMessage() + " (does the server speak TLS, and accept this client?)";
        }
        return null;
    }
}
