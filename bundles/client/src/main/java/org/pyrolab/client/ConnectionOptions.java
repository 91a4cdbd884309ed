package org.pyrolab.client;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.tls.TlsException;
import org.pyrolab.pyro5.tls.TlsFiles;

/**
 * How a {@link Lab} and every proxy it makes connect: TLS, the lab secret and timeouts. Immutable;
 * start from {@link #defaults()}:
 *
 * <pre>{@code
 * ConnectionOptions options = ConnectionOptions.defaults()
 *         .withTls(Path.of("ca.pem"), Path.of("client-alice.pem"), Path.of("client-alice.key"))  // or withTls(ca) for one-way
 *         .withSecret(Files.readString(secretFile).strip());
 * try (Lab lab = Lab.locate("asgard.lab", 9090, options)) { ... }
 * }</pre>
 *
 * As with Pyro5's {@code SSL=True}, TLS covers every connection from its first byte, name server
 * included; URIs stay {@code PYRO:}; the server's certificate must chain to the context's trusted
 * CAs and name the host connected to (a DNS name or IP address in its subjectAltName).
 */
public final class ConnectionOptions {

    /** Connecting (TCP, TLS and the handshake) and receiving one reply once it has begun. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ConnectionOptions DEFAULTS = new ConnectionOptions(DEFAULT_TIMEOUT, Duration.ZERO, null, null);

    private final Duration timeout;
    private final Duration callTimeout;
    private final SSLContext tls;
    private final String secret;

    private ConnectionOptions(Duration timeout, Duration callTimeout, SSLContext tls, String secret) {
        this.timeout = timeout;
        this.callTimeout = callTimeout;
        this.tls = tls;
        this.secret = secret;
    }

    /** Plain TCP, no secret, {@link #DEFAULT_TIMEOUT}, calls may take as long as the service allows. */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * TLS for every connection, with this context's trust (the lab's CA) and, for two-way TLS, its
     * key (the client certificate).
     */
    public ConnectionOptions withTls(SSLContext context) {
        return new ConnectionOptions(timeout, callTimeout, Objects.requireNonNull(context, "context"), secret);
    }

    /**
     * TLS trusting the lab CA in {@code caCerts} (a PEM file, or a folder of them): Pyro5's
     * {@code SSL=True} with {@code SSL_CACERTS}. The files are read now; one that is missing or is
     * no PEM certificate is an {@link UncheckedIOException} whose message names it.
     */
    public ConnectionOptions withTls(Path caCerts) {
        return withTls(pem(Objects.requireNonNull(caCerts, "caCerts"), null, null));
    }

    /**
     * Two-way TLS: trusting the lab CA in {@code caCerts} and presenting the client certificate
     * {@code clientCert} (PEM, leaf first) with its unencrypted PEM key {@code clientKey} — Pyro5's
     * {@code SSL_CACERTS}, {@code SSL_CLIENTCERT} and {@code SSL_CLIENTKEY}. The files are read now;
     * a missing or wrong one, or a key that does not belong to the certificate, is an
     * {@link UncheckedIOException} whose message names the file.
     */
    public ConnectionOptions withTls(Path caCerts, Path clientCert, Path clientKey) {
        return withTls(pem(Objects.requireNonNull(caCerts, "caCerts"), Objects.requireNonNull(clientCert, "clientCert"),
                Objects.requireNonNull(clientKey, "clientKey")));
    }

    private static SSLContext pem(Path ca, Path cert, Path key) {
        try {
            return new TlsFiles(cert, key, ca, false).client();
        } catch (TlsException e) {
            throw new UncheckedIOException("cannot use TLS files: " + e.getMessage(), e);
        }
    }

    /**
     * The lab secret, sent in every connection's handshake (Pyro5's {@code _pyroHandshake}). A
     * server that wants another secret refuses the connection: a {@link RemoteException} of type
     * {@code Pyro5.errors.CommunicationError} naming its reason.
     */
    public ConnectionOptions withSecret(String labSecret) {
        return new ConnectionOptions(timeout, callTimeout, tls, Objects.requireNonNull(labSecret, "labSecret"));
    }

    /**
     * How long connecting may take, and a reply once its first byte has arrived: a peer that stalls
     * is given up on after this.
     */
    public ConnectionOptions withTimeout(Duration value) {
        return new ConnectionOptions(positive(value, "timeout"), callTimeout, tls, secret);
    }

    /**
     * How long a call waits for its reply to begin; {@link Duration#ZERO} (the default) waits as
     * long as the call runs, which a PyroLab service bounds with its {@code call_timeout}. After a
     * call timed out the connection is closed (the reply may still come) and the next call
     * reconnects, without any lock the proxy held.
     */
    public ConnectionOptions withCallTimeout(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("call timeout must not be negative: " + value);
        }
        return new ConnectionOptions(timeout, value, tls, secret);
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** Whether connections use TLS. */
    public boolean tls() {
        return tls != null;
    }

    /** Whether a secret is sent; the secret itself is not handed out again. */
    public boolean hasSecret() {
        return secret != null;
    }

    /** The engine's options; not API (package-private). */
    ClientOptions engine() {
        int callMillis = (int) Math.min(Integer.MAX_VALUE, callTimeout.toMillis());
        return new ClientOptions(millis(timeout), tls, secret == null ? ClientOptions.DEFAULT_HANDSHAKE : secret,
                callTimeout.isZero() ? 0 : Math.max(1, callMillis), ClientOptions.DEFAULT_MAX_MESSAGE_SIZE);
    }

    @Override
    public String toString() {
        return "ConnectionOptions[timeout=" + timeout + ", callTimeout=" + callTimeout + ", tls=" + tls()
                + ", secret=" + (hasSecret() ? "set" : "none") + "]"; // never the secret itself
    }

    private static Duration positive(Duration d, String what) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
