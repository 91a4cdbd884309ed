package org.pyrolab.pyro5.tls;

import java.io.IOException;

/** A TLS file that is missing, unreadable or not what it should be; the message names the file and says what to do. */
public final class TlsException extends IOException {

    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
