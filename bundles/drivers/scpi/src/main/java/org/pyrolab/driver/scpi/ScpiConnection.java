package org.pyrolab.driver.scpi;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SCPI over a raw TCP socket (port 5025 on most instruments): commands and queries are lines ending
 * in {@code \n}, and each query gets one reply line. Thread-safe; one exchange at a time.
 *
 * <p>It connects on first use. When the instrument has closed the connection (a reboot, another
 * client taking over), the next call connects again. After a timeout or a garbled reply the
 * connection is dropped too, because a late or partial reply would otherwise be read as the answer
 * to the next query.
 */
public final class ScpiConnection implements Closeable {

    /** How many queue entries {@link #readErrors} reads at most, so a misbehaving instrument cannot keep it looping. */
    static final int MAX_ERRORS_READ = 64;

    private final String host;
    private final int port;
    private final long connectTimeoutMillis;
    private final long ioTimeoutNanos;
    private LineChannel channel;
    private int connects;
    private boolean closed;

    /**
     * @param connectTimeout how long to wait for the instrument to accept the connection
     * @param ioTimeout how long to wait for a reply (and for a send to get through)
     */
    public ScpiConnection(String host, int port, Duration connectTimeout, Duration ioTimeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, not " + port);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeout.toMillis();
        this.ioTimeoutNanos = ioTimeout.toNanos();
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** How many times a connection was opened: 1 after the first call, more after each reconnect. */
    public synchronized int connects() {
        return connects;
    }

    /** Sends a command that has no reply. Does not look at the error queue; see {@link #execute}. */
    public synchronized void command(String command) throws ScpiException {
        send(command, System.nanoTime() + ioTimeoutNanos);
    }

    /** Sends a command, then reads the error queue and throws if the instrument reported anything. */
    public synchronized void execute(String command) throws ScpiException {
        command(command);
        checkErrors(command);
    }

    /** Sends a query and returns its reply line, without the line end. */
    public synchronized String query(String query) throws ScpiException {
        long deadline = System.nanoTime() + ioTimeoutNanos;
        LineChannel open = send(query, deadline);
        try {
            return printable(query, open.readLine(deadline));
        } catch (SocketTimeoutException e) {
            drop();
            throw new ScpiTimeoutException("the instrument at " + address() + " did not answer '" + query + "' within "
                    + (ioTimeoutNanos / 1_000_000) + " ms; is it a valid query for this instrument?");
        } catch (EOFException e) {
            drop();
            throw new ScpiConnectionException("the instrument at " + address() + " closed the connection before answering '"
                    + query + "'; the next call connects again");
        } catch (ScpiProtocolException e) {
            drop();
            throw e;
        } catch (IOException e) {
            drop();
            throw new ScpiConnectionException("the connection to " + address() + " failed while waiting for the answer to '"
                    + query + "': " + e.getMessage(), e);
        }
    }

    /** Sends a query whose reply is a number, such as {@code +1.000000E-03}. */
    public double queryDouble(String query) throws ScpiException {
        String reply = query(query);
        try {
            return Double.parseDouble(reply.trim());
        } catch (NumberFormatException e) {
            throw new ScpiProtocolException("the instrument at " + address() + " answered '" + reply + "' to '" + query
                    + "', which is not a number");
        }
    }

    /** Sends a query whose reply is {@code 0} or {@code 1} (also accepts ON and OFF). */
    public boolean queryBoolean(String query) throws ScpiException {
        String reply = query(query).trim().toUpperCase(Locale.ROOT);
        switch (reply) {
            case "1": case "ON": case "+1":
                return true;
            case "0": case "OFF": case "+0":
                return false;
            default:
                throw new ScpiProtocolException("the instrument at " + address() + " answered '" + reply + "' to '" + query
                        + "', which is not 0 or 1");
        }
    }

    /** Empties the error queue ({@code SYST:ERR?} until {@code +0}) and returns the errors it held, oldest first. */
    public synchronized List<ScpiError> readErrors() throws ScpiException {
        List<ScpiError> errors = new ArrayList<>();
        for (int i = 0; i < MAX_ERRORS_READ; i++) {
            String reply = query("SYST:ERR?");
            ScpiError error = ScpiError.parse(reply);
            if (error == null) {
                throw new ScpiProtocolException("the instrument at " + address() + " answered '" + reply
                        + "' to 'SYST:ERR?', which is not an error queue entry such as +0,\"No error\"");
            }
            if (!error.isError()) {
                return errors;
            }
            errors.add(error);
        }
        return errors;
    }

    /** Throws {@link ScpiInstrumentException} naming {@code after} if the error queue is not empty. */
    public synchronized void checkErrors(String after) throws ScpiException {
        List<ScpiError> errors = readErrors();
        if (!errors.isEmpty()) {
            throw new ScpiInstrumentException(after, errors);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    private LineChannel send(String message, long deadline) throws ScpiException {
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a SCPI message is one line; this one has a line break: " + message);
        }
        LineChannel open = connected();
        try {
            open.writeLine(message, deadline);
            return open;
        } catch (SocketTimeoutException e) {
            drop();
            throw new ScpiTimeoutException("the instrument at " + address() + " did not take '" + message + "' within "
                    + (ioTimeoutNanos / 1_000_000) + " ms");
        } catch (IOException e) {
            drop();
            throw new ScpiConnectionException("the connection to " + address() + " dropped while sending '" + message
                    + "': " + e.getMessage() + "; the next call connects again", e);
        }
    }

    private LineChannel connected() throws ScpiConnectionException {
        if (closed) {
            throw new ScpiConnectionException("the connection to " + address() + " is closed");
        }
        if (channel != null && !channel.discardUnreadAndCheckOpen()) {
            drop();
        }
        if (channel == null) {
            channel = LineChannel.open(host, port, connectTimeoutMillis);
            connects++;
        }
        return channel;
    }

    private void drop() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private String printable(String query, byte[] reply) throws ScpiProtocolException {
        int end = reply.length;
        if (end > 0 && reply[end - 1] == '\r') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            int b = reply[i] & 0xff;
            if ((b < 0x20 || b > 0x7e) && b != '\t') {
                throw new ScpiProtocolException("the instrument at " + address() + " sent a garbled answer to '" + query
                        + "' (byte 0x" + Integer.toHexString(b) + " at position " + i + ")");
            }
        }
        return new String(reply, 0, end, StandardCharsets.US_ASCII);
    }
}
