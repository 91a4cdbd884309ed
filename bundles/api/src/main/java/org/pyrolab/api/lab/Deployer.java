package org.pyrolab.api.lab;

import java.nio.file.Path;
import java.util.List;

import org.pyrolab.api.dto.DriverDTO;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The deploy directory: dropping a bundle there installs and starts it, replacing the file
 * updates it, deleting it uninstalls it. These methods do the same for the command line.
 */
@ProviderType
public interface Deployer {

    /** The watched folder. */
    Path directory();

    /** Copies a bundle in (safely: never seen half-written) and waits until it is installed; returns what happened. */
    String install(Path jar);

    /** Removes the bundle with this symbolic name from the deploy directory and waits until it is uninstalled. */
    String uninstall(String symbolicName);

    /** Files in the deploy directory that do not run, each with what is wrong (in {@link DriverDTO#problem}). */
    List<DriverDTO> problems();

    /** Whether every jar in the deploy directory has been installed, or found not to run. */
    boolean settled();
}
