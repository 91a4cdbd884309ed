package org.pyrolab.api.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/** The daemon's log and each service's log. A null service name means the daemon's own. */
@ProviderType
public interface Logs {

    /** The last {@code lines} lines. */
    List<String> tail(String service, int lines) throws IOException;

    /** Sends each new line to {@code sink} until the thread is interrupted or the sink throws. */
    void follow(String service, Consumer<String> sink) throws IOException, InterruptedException;

    /** Writes every log, merged in time order, to {@code file}; returns the number of lines. */
    long export(Path file) throws IOException;

    /** Removes rotated files and logs of services no longer configured, and empties the current ones; returns how many files. */
    int clean() throws IOException;
}
