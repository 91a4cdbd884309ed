package org.pyrolab.daemon.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.control.ControlChannel.Parsed;

/**
 * Reads a client's hello whole, into one buffer of {@link ControlChannel#MAX_HELLO} bytes, before
 * a deadline that counts from the accept: a client that trickles bytes cannot hold its slot longer
 * than that, and one that announces huge fields costs no more than the buffer.
 */
final class HelloReader {
    /** The hello and the client's stream after it (bytes that came with the hello included). */
    static final class Greeting {
        final Hello hello;
        final InputStream rest;

        Greeting(Hello hello, InputStream rest) {
            this.hello = hello;
            this.rest = rest;
        }
    }

    private HelloReader() {
    }

    /**
     * Reads until a whole hello is there; throws an {@link IOException} with a short reason that
     * quotes the first bytes escaped when the bytes are no hello, when there are more than
     * {@link ControlChannel#MAX_HELLO}, or when {@code deadlineNanos} ({@link System#nanoTime()})
     * passes first.
     */
    static Greeting read(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[ControlChannel.MAX_HELLO];
        int length = 0;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                throw new IOException("no whole hello in time (" + length + " bytes" + began(buffer, length) + ")");
            }
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE)); // what is left of the total, not a fresh period per read
            int n;
            try {
                n = in.read(buffer, length, buffer.length - length);
            } catch (SocketTimeoutException e) {
                continue; // the deadline check above says so
            }
            if (n < 0) {
                throw new IOException(length == 0 ? "closed without a hello" : "hello cut off after " + length + " bytes" + began(buffer, length));
            }
            length += n;
            Parsed parsed;
            try {
                parsed = Hello.parse(buffer, length);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + began(buffer, length));
            }
            if (parsed != null) {
                InputStream after = new ByteArrayInputStream(buffer, parsed.length, length - parsed.length);
                return new Greeting(parsed.hello, new SequenceInputStream(after, in));
            }
            if (length == buffer.length) {
                throw new IOException("hello longer than " + ControlChannel.MAX_HELLO + " bytes" + began(buffer, length));
            }
        }
    }

    private static String began(byte[] buffer, int length) {
        return length == 0 ? "" : "; it began \"" + PeerLog.escape(buffer, Math.min(length, 40)) + "\"";
    }
}
