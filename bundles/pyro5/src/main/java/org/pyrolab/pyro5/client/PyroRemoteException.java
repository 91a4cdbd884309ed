package org.pyrolab.pyro5.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server answered with an error: a Pyro5 exception dict, or a CONNECTFAIL. An IOException so
 * that callers which only log failures (registering on another computer's name server) need one
 * catch; callers that care read the Python class, message and traceback.
 */
public class PyroRemoteException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A refused CONNECT, as Python's client reports it. */
    public static final String COMMUNICATION_ERROR = "Pyro5.errors.CommunicationError";

    private final String pythonClass;
    private final String remoteMessage;
    private final String remoteTraceback;

    public PyroRemoteException(String pythonClass, String remoteMessage, String remoteTraceback) {
        super(pythonClass.substring(pythonClass.lastIndexOf('.') + 1) + ": " + remoteMessage);
        this.pythonClass = pythonClass;
        this.remoteMessage = remoteMessage;
        this.remoteTraceback = remoteTraceback;
    }

    /** E.g. {@code builtins.ValueError}, {@code Pyro5.errors.NamingError}. */
    public String pythonClass() {
        return pythonClass;
    }

    /** The exception's message, its first argument (several arguments as Python prints them). */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote traceback as one text, or null when the server sent none. */
    public String remoteTraceback() {
        return remoteTraceback;
    }

    /** Reads the exception dict of a RESULT with the EXCEPTION flag. */
    static PyroRemoteException of(Object error) {
        if (!(error instanceof Map<?, ?> m) || !(m.get("__class__") instanceof String cls)) {
            return new PyroRemoteException("Pyro5.errors.ProtocolError", "unreadable exception from the server: " + error, null);
        }
        List<?> args = list(m.get("args"));
        String message = args.size() == 1 ? String.valueOf(args.get(0))
                : args.isEmpty() ? "" : args.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        Object tb = m.get("attributes") instanceof Map<?, ?> attrs ? attrs.get("_pyroTraceback") : null;
        String traceback = tb == null ? null : tb instanceof String s ? s : String.join("", list(tb).stream().map(String::valueOf).toList());
        return new PyroRemoteException(cls, message, traceback);
    }

    private static List<?> list(Object v) {
        return v instanceof Object[] a ? Arrays.asList(a) : v instanceof Collection<?> c ? new ArrayList<>(c) : v == null ? List.of() : List.of(v);
    }
}
