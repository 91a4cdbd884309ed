package org.pyrolab.pyro5.wire;

/** A message that started arriving did not complete within its deadline. */
public class SlowSenderException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public SlowSenderException(String message) {
        super(message);
    }
}
