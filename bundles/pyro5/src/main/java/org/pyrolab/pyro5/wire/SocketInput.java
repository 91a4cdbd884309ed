package org.pyrolab.pyro5.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A connection's buffered input with two clocks: while idle (between messages) a read may wait as
 * long as the idle timeout allows; once a message has begun, every read shares that message's
 * deadline. Bytes already buffered are served without a system call, and the socket's timeout is
 * only touched when a read would really wait. Used by one thread at a time.
 */
public final class SocketInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final int idleMillis;
    private final long messageNanos;
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int count;
    private long deadline;
    private boolean armed;
    private int timeoutSet = -1;

    /**
     * @param idleMillis   how long a read between messages may wait; 0 for ever
     * @param messageNanos how long a message may take from its first byte to its last
     */
    public SocketInput(Socket socket, int idleMillis, long messageNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
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
        if (pos == count && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == count) {
            if (len >= buffer.length) {
                waitAtMost();
                return readSocket(b, off, len); // large reads skip the buffer
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, count - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return count - pos;
    }

    private boolean fill() throws IOException {
        waitAtMost();
        int n = readSocket(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        count = n;
        return true;
    }

    private int readSocket(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    /** Sets the socket's timeout for a read that may wait: the idle timeout, or what is left of the message's deadline. */
    private void waitAtMost() throws IOException {
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
