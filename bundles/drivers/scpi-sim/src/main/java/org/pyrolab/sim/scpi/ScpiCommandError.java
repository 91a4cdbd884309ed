package org.pyrolab.sim.scpi;

/** A standard SCPI error a simulated instrument puts in its error queue instead of answering. */
final class ScpiCommandError extends Exception {

    static final int UNDEFINED_HEADER = -113;
    static final int DATA_TYPE_ERROR = -104;
    static final int PARAMETER_NOT_ALLOWED = -108;
    static final int MISSING_PARAMETER = -109;
    static final int ILLEGAL_PARAMETER_VALUE = -224;
    static final int DATA_OUT_OF_RANGE = -222;
    static final int QUEUE_OVERFLOW = -350;

    private static final long serialVersionUID = 1L;

    private final int code;

    ScpiCommandError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static ScpiCommandError undefinedHeader() {
        return new ScpiCommandError(UNDEFINED_HEADER, "Undefined header");
    }

    int code() {
        return code;
    }
}
