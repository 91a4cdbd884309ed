package org.pyrolab.driver.scpi;

import java.io.IOException;

/** A SCPI exchange failed; the subclasses say how. The message is meant for users. */
public class ScpiException extends IOException {

    private static final long serialVersionUID = 1L;

    public ScpiException(String message) {
        super(message);
    }

    public ScpiException(String message, Throwable cause) {
        super(message, cause);
    }
}
