package org.pyrolab.driver.scpi;

/** The instrument could not be reached, or it dropped the connection during an exchange. */
public class ScpiConnectionException extends ScpiException {

    private static final long serialVersionUID = 1L;

    public ScpiConnectionException(String message) {
        super(message);
    }

    public ScpiConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
