package org.pyrolab.pyro5.serial;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Turns a Java exception into the Pyro5 exception dict a Python client can rebuild:
 * {@code __class__}, {@code __exception__}, {@code args} (a tuple, for Pyrolite) and
 * {@code attributes} with {@code _pyroTraceback}. Java classes map onto Python builtins (see
 * {@code docs/remote.md}); a {@link RemoteError} names its Python class itself.
 */
public final class ExceptionMapper {

    private static final int MAX_FRAMES = 25;
    /** Said for an exception without a message; the daemon's log has the rest. */
    static final String NO_MESSAGE = "the service failed without a message; the daemon's log has the details";
    /** A package-qualified Java class name, such as {@code java.lang.String} or {@code org.acme.Laser$Mode}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    private ExceptionMapper() {
    }

    /** The Python class name for a Java exception. */
    public static String pythonClass(Throwable t) {
        if (t instanceof RemoteError r) {
            return r.pythonClass();
        }
        if (t instanceof IllegalArgumentException) {
            return "builtins.ValueError"; // includes NumberFormatException
        }
        if (t instanceof UnsupportedOperationException) {
            return "builtins.NotImplementedError";
        }
        if (t instanceof ArithmeticException) {
            return "/ by zero".equals(t.getMessage()) ? "builtins.ZeroDivisionError" : "builtins.ArithmeticError";
        }
        if (t instanceof IndexOutOfBoundsException) {
            return "builtins.IndexError";
        }
        if (t instanceof NoSuchElementException) {
            return "builtins.LookupError";
        }
        if (t instanceof ClassCastException || t instanceof ArrayStoreException) {
            return "builtins.TypeError";
        }
        if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
            return "builtins.TimeoutError";
        }
        if (t instanceof ConnectException) {
            return "builtins.ConnectionRefusedError";
        }
        if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
            return "builtins.FileNotFoundError";
        }
        if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
            return "builtins.InterruptedError";
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return "builtins.OSError";
        }
        if (t instanceof SecurityException) {
            return "Pyro5.errors.SecurityError";
        }
        if (t instanceof OutOfMemoryError) {
            return "builtins.MemoryError";
        }
        if (t instanceof StackOverflowError) {
            return "builtins.RecursionError";
        }
        if (t instanceof ConcurrentModificationException || t instanceof IllegalStateException) {
            return "builtins.RuntimeError";
        }
        return "builtins.RuntimeError";
    }

    /**
     * The message a Python client shows, with no Java internals: the exception's own message with
     * package names taken off class names ({@code java.lang.String} becomes {@code String}), or a
     * plain sentence when it has none. The Java class and stack go to the daemon's log, and to the
     * client only with {@code remote_tracebacks: true} (see {@link #toDict}).
     */
    public static String message(Throwable t) {
        String msg = t.getMessage();
        if (t instanceof RemoteError) {
            return msg; // written for the client already
        }
        if (msg == null || msg.isBlank()) {
            return NO_MESSAGE;
        }
        return QUALIFIED.matcher(msg).replaceAll("$1");
    }

    /** The debugging message: the Java class name in front when the Python class says less. */
    static String detailedMessage(Throwable t) {
        String msg = t.getMessage();
        if (t instanceof RemoteError) {
            return msg;
        }
        boolean exact = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException || t instanceof IndexOutOfBoundsException
                || t instanceof TimeoutException || t instanceof IOException;
        if (msg == null || msg.isEmpty()) {
            return t.getClass().getName();
        }
        return exact ? msg : t.getClass().getName() + ": " + msg;
    }

    /**
     * The exception dict.
     *
     * @param withTraceback the debugging form: the Java stack as {@code _pyroTraceback} lines and the
     *                      Java class name in the message; without it, the Python class and a
     *                      message free of Java names only
     */
    public static Map<String, Object> toDict(Throwable t, boolean withTraceback) {
        String cls = pythonClass(t);
        String msg = withTraceback ? detailedMessage(t) : message(t);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("__class__", cls);
        d.put("__exception__", Boolean.TRUE);
        d.put("args", msg == null ? new Object[0] : new Object[] {msg});
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (withTraceback) {
            attrs.put("_pyroTraceback", traceback(t, cls, msg));
        }
        d.put("attributes", attrs);
        return d;
    }

    /** Python-looking traceback lines, each ending in a newline, outermost frame first. */
    static List<String> traceback(Throwable t, String cls, String msg) {
        List<String> lines = new ArrayList<>();
        lines.add("Traceback (most recent call last):\n");
        StackTraceElement[] st = t.getStackTrace();
        int n = Math.min(st.length, MAX_FRAMES);
        for (int i = n - 1; i >= 0; i--) {
            StackTraceElement e = st[i];
            lines.add("  File \"" + (e.getFileName() == null ? e.getClassName() : e.getFileName()) + "\", line "
                    + Math.max(e.getLineNumber(), 0) + ", in " + e.getClassName() + "." + e.getMethodName() + "\n");
        }
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
            lines.add("Caused by: " + c + "\n");
        }
        String bare = cls.startsWith("builtins.") ? cls.substring("builtins.".length()) : cls;
        lines.add(bare + (msg == null ? "" : ": " + msg) + "\n");
        return lines;
    }
}
