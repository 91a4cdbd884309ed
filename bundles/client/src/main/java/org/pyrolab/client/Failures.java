package org.pyrolab.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import net.razorvine.pyro.PyroException;

/** Turns Pyrolite's failures into this package's exceptions. */
final class Failures {

    /** PyroLab's (and Python PyroLab's) wording for a call refused by someone else's lock. */
    private static final Pattern LOCKED = Pattern.compile("locked \\(by '(.*)'\\)");
    /** Pyrolite prefixes remote messages with {@code [python type] }. */
    private static final Pattern TYPE_PREFIX = Pattern.compile("^\\[[^\\]]*\\] ?");
    /** Pyrolite's own errors (CONNECTFAIL, unknown method, out of sync) carry no Python type. */
    static final String LOCAL_TYPE = "Pyro5.errors.PyroError";

    private Failures() {
    }

    public static RemoteException remote(PyroException e) {
        String type = e.pythonExceptionType != null ? e.pythonExceptionType : LOCAL_TYPE;
        String message = e.getMessage() == null ? "" : TYPE_PREFIX.matcher(e.getMessage()).replaceFirst("");
        Matcher locked = LOCKED.matcher(message);
        RemoteException r = type.endsWith("ConnectionRefusedError") && locked.find()
                ? new InstrumentLockedException(type, message, e._pyroTraceback, locked.group(1))
                : new RemoteException(type, message, e._pyroTraceback);
        r.initCause(e);
        return r;
    }

    public static UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e, e);
    }
}
