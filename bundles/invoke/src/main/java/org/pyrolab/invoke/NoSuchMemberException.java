package org.pyrolab.invoke;

/** A call of a name the target does not expose; the endpoint reports it as Python's {@code AttributeError}. */
public class NoSuchMemberException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NoSuchMemberException(String message) {
        super(message);
    }
}
