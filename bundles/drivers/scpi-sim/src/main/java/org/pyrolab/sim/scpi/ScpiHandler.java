package org.pyrolab.sim.scpi;

/** What a {@link ScpiServer} does with each line a client sends. */
@FunctionalInterface
public interface ScpiHandler {

    /** Handles one line (without its line end); returns the reply line, or null to send nothing. */
    String handle(String line);
}
