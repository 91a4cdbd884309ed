package org.pyrolab.api.lab;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.pyrolab.api.dto.ProblemDTO;

/** The configuration the daemon runs from, and the user configuration file. */
@ProviderType
public interface Configuration {

    /** Every problem in the file; an empty list means it is valid. Warnings have {@code error == false}. */
    List<ProblemDTO> validate(Path file);

    /** Validates the file and, when it has no errors, installs it as the user configuration. */
    List<ProblemDTO> update(Path file);

    /** The text of the configuration the daemon runs from. */
    String show();

    /** The file it was read from, or null. */
    Path source();

    /** Writes the running configuration's text to {@code file}. */
    void export(Path file);

    /** Removes the user configuration file; returns it, or null when there was none. */
    Path reset();

    /**
     * Re-reads the configuration file and applies the difference: starts what is new (when
     * autolaunched), stops what is gone, restarts what changed, leaves the rest untouched.
     * Throws IllegalArgumentException listing the problems when the file is invalid.
     */
    String reload();

    /** Renames an entry and every reference to it, in the file and in the running daemon. */
    String rename(String oldName, String newName);

    /** One entry of the running configuration as plain data (maps, lists, scalars), or all of it for null. */
    Object info(String name);
}
