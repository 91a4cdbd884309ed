package org.pyrolab.api.dto;

/** One parameter a driver declares. */
public class ParameterDTO {
    public String name;
    public String type;
    /** The default as text, or null when the parameter is required. */
    public String defaultValue;
    public boolean required;
}
