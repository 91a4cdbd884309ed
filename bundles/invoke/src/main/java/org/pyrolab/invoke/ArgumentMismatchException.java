package org.pyrolab.invoke;

/**
 * A value that does not fit the Java type asked for, or arguments that fit none of a method's
 * overloads. The message says what was wanted and what came; callers report it as Python's
 * {@code TypeError} (the endpoint) or a {@code ClassCastException} (the Java client).
 */
public class ArgumentMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ArgumentMismatchException(String message) {
        super(message);
    }

    public ArgumentMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
