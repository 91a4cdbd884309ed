package org.pyrolab.pyro5.serial;

/**
 * An error sent to the client under an explicit Python class name, such as
 * {@code Pyro5.errors.DaemonError} or {@code builtins.AttributeError}.
 */
public class RemoteError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pythonClass;

    public RemoteError(String pythonClass, String message) {
        super(message);
        this.pythonClass = pythonClass;
    }

    public String pythonClass() {
        return pythonClass;
    }

    public static RemoteError daemonError(String message) {
        return new RemoteError("Pyro5.errors.DaemonError", message);
    }

    public static RemoteError namingError(String message) {
        return new RemoteError("Pyro5.errors.NamingError", message);
    }

    public static RemoteError attributeError(String message) {
        return new RemoteError("builtins.AttributeError", message);
    }

    public static RemoteError typeError(String message) {
        return new RemoteError("builtins.TypeError", message);
    }

    public static RemoteError valueError(String message) {
        return new RemoteError("builtins.ValueError", message);
    }
}
