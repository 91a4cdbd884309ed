package org.pyrolab.daemon.config;

/** One thing wrong (an error) or doubtful (a warning) in a configuration file, with where it is. */
public record Problem(boolean error, String file, int line, String path, String message) {

    /** {@code config.yaml:7: services.asgard.echo.drivr: unknown key; did you mean `driver`?} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file == null ? "configuration" : file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!error) {
            text.append("warning: ");
        }
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
