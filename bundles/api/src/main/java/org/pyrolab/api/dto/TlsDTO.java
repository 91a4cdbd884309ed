package org.pyrolab.api.dto;

/**
 * {@code tls:} of an endpoint or nameserver: absolute paths of PEM files, each read and found
 * usable when the configuration was checked.
 */
public class TlsDTO {
    /** Certificate chain, leaf first; null for a nameserver that is only a client of one elsewhere. */
    public String cert;
    /** Private key of {@code cert}. */
    public String key;
    /** The lab CA (a file or a folder): checks client certificates, or the server when this is a client; may be null. */
    public String ca;
    /** Refuse clients without a certificate from {@code ca} (Pyro5's {@code SSL_REQUIRECLIENTCERT}). */
    public boolean requireClientCert;
}
