package org.pyrolab.pyro5.wire;

import java.io.IOException;

/** A message that breaks the protocol; the connection it came on is closed. */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
