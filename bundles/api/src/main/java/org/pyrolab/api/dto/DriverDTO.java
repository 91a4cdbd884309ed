package org.pyrolab.api.dto;

import java.util.List;

/** A driver an installed bundle offers, or a deploy-directory file that offers none because of a problem. */
public class DriverDTO {
    /** The driver id, or null for a problem row. */
    public String driver;
    public String description;
    public String bundle;
    public String version;
    /** The file in the deploy directory it came from, or null for other bundles. */
    public String file;
    public List<ParameterDTO> parameters;
    /** What is wrong (a file that is not a bundle, an import that cannot resolve, a duplicate id), or null. */
    public String problem;
}
