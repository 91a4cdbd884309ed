package org.pyrolab.client;

/**
 * A call failed on the remote side: the service raised an error, or refused the call. Carries the
 * Python exception type (e.g. {@code builtins.ValueError}), its message and the remote traceback.
 */
public class RemoteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final String remoteMessage;
    private final String remoteTraceback;

    public RemoteException(String type, String remoteMessage, String remoteTraceback) {
        super(shortType(type) + ": " + remoteMessage);
        this.type = type;
        this.remoteMessage = remoteMessage;
        this.remoteTraceback = remoteTraceback == null ? "" : remoteTraceback;
    }

    /** The Python exception class, e.g. {@code builtins.ValueError} or {@code Pyro5.errors.NamingError}. */
    public String type() {
        return type;
    }

    /** The exception's message without its type. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote traceback as text (the server's Java stack for PyroLab); empty if none was sent. */
    public String remoteTraceback() {
        return remoteTraceback;
    }

    private static String shortType(String type) {
        return type.startsWith("builtins.") ? type.substring("builtins.".length()) : type;
    }
}
