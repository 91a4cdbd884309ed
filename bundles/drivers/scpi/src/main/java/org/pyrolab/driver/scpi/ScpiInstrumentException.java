package org.pyrolab.driver.scpi;

import java.util.List;
import java.util.stream.Collectors;

/** The instrument put errors in its error queue ({@code SYST:ERR?}) after a command. */
public class ScpiInstrumentException extends ScpiException {

    private static final long serialVersionUID = 1L;

    private final List<ScpiError> errors;

    public ScpiInstrumentException(String command, List<ScpiError> errors) {
        super("the instrument refused '" + command + "': "
                + errors.stream().map(ScpiError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** The errors, oldest first. */
    public List<ScpiError> errors() {
        return errors;
    }
}
