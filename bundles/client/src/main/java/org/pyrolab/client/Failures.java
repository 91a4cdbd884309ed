package org.pyrolab.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pyrolab.pyro5.client.PyroRemoteException;

/** Turns the engine's failures into this package's exceptions. */
final class Failures {

    /** PyroLab's (and Python PyroLab's) wording for a call refused by someone else's lock. */
    private static final Pattern LOCKED = Pattern.compile("locked \\(by '(.*)'\\)");

    private Failures() {
    }

    static RemoteException remote(PyroRemoteException e) {
        String type = e.pythonClass();
        String message = e.remoteMessage();
        Matcher locked = LOCKED.matcher(message);
        RemoteException r = type.endsWith("ConnectionRefusedError") && locked.find()
                ? new InstrumentLockedException(type, message, e.remoteTraceback(), locked.group(1))
                : new RemoteException(type, message, e.remoteTraceback());
        r.initCause(e);
        return r;
    }

    static UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException(what + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
    }
}
