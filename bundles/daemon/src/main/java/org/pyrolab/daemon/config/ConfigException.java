package org.pyrolab.daemon.config;

/** A configuration file that cannot even be read as a tree: one problem, with its line. */
final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final String path;

    ConfigException(int line, String path, String message) {
        super(message);
        this.line = line;
        this.path = path;
    }
}
