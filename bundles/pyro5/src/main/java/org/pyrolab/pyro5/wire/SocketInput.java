package org.pyrolab.pyro5.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A connection's input with two clocks: while idle (between messages) a read may wait as long as
 * the idle timeout allows; once a message has begun, every read shares that message's deadline.
 * The socket's timeout is only touched when a read would really block.
 */
public final class SocketInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final int idleMillis;
    private final long messageNanos;
    private long deadline;
    private boolean armed;
    private int timeoutSet = -1;

    /**
     * @param idleMillis   how long a read between messages may wait; 0 for ever
     * @param messageNanos how long a message may take from its first byte to its last
     */
    public SocketInput(Socket socket, int idleMillis, long messageNanos) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.idleMillis = idleMillis;
        this.messageNanos = messageNanos;
    }

    /** The first byte of a message has arrived: the rest must follow before the deadline. */
    public void arm() {
        deadline = System.nanoTime() + messageNanos;
        armed = true;
    }

    /** Between messages. */
    public void disarm() {
        armed = false;
    }

    @Override
    public int read() throws IOException {
        prepare();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        prepare();
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    private void prepare() throws IOException {
        if (in.available() > 0) {
            return; // served from the buffer: no wait, no deadline to check
        }
        int timeout = idleMillis;
        if (armed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timeout();
            }
            timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
        }
        if (timeout != timeoutSet) {
            socket.setSoTimeout(timeout);
            timeoutSet = timeout;
        }
    }

    private IOException timeout() {
        return armed ? new SlowSenderException("message not complete " + messageNanos / 1_000_000 + " ms after its first byte")
                : new SocketTimeoutException("idle timeout");
    }
}
