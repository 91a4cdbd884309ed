package org.pyrolab.api.dto;

/** One problem in a configuration file. */
public class ProblemDTO {
    public boolean error;
    public String file;
    public int line;
    /** Where in the file, such as {@code services.laser1.driver}. */
    public String path;
    public String message;
    /** The whole problem as one line: {@code file:line: path: message}. */
    public String text;
}
