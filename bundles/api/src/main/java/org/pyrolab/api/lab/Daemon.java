package org.pyrolab.api.lab;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;
import org.pyrolab.api.dto.DaemonDTO;

/** The running daemon: who it is, where its files are, and how to stop it. */
@ProviderType
public interface Daemon {

    DaemonDTO status();

    /** The data folder: lockfile, deploy directory, logs, nameserver storage. */
    Path dataFolder();

    /** Where the configured name servers keep their registrations (a folder under the data folder). */
    Path nameserverStorage();

    /** Stops services in reverse start order, then the framework; returns at once. */
    void shutdown();
}
