package org.pyrolab.driver.scpi;

/** The instrument did not answer in time (an unknown query, a busy or switched-off instrument). */
public class ScpiTimeoutException extends ScpiException {

    private static final long serialVersionUID = 1L;

    public ScpiTimeoutException(String message) {
        super(message);
    }
}
