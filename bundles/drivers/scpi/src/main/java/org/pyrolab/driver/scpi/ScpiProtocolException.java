package org.pyrolab.driver.scpi;

/** The instrument answered something that is not a valid reply: unprintable bytes, an endless line, not a number. */
public class ScpiProtocolException extends ScpiException {

    private static final long serialVersionUID = 1L;

    public ScpiProtocolException(String message) {
        super(message);
    }
}
