package org.pyrolab.driver.scpi;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection that exchanges newline-terminated lines with deadlines. Non-blocking, so that
 * before each request it can see, without waiting, whether the instrument has closed its end.
 */
final class LineChannel implements Closeable {

    /** The longest reply line accepted; a longer one means the stream is not what we expect. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final String address;
    private final ByteBuffer input = ByteBuffer.allocate(16 * 1024);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LineChannel(SocketChannel channel, String address) throws IOException {
        this.channel = channel;
        this.address = address;
        channel.configureBlocking(false);
        selector = Selector.open();
        key = channel.register(selector, SelectionKey.OP_READ);
    }

    static LineChannel open(String host, int port, long connectTimeoutMillis) throws ScpiConnectionException {
        String address = host + ":" + port;
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.socket().connect(new InetSocketAddress(host, port), (int) connectTimeoutMillis);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new LineChannel(channel, address);
        } catch (SocketTimeoutException e) {
            closeQuietly(channel);
            throw new ScpiConnectionException("cannot connect to the instrument at " + address + " within "
                    + connectTimeoutMillis + " ms; check that it is on and the address is right", e);
        } catch (IOException e) {
            closeQuietly(channel);
            String reason = e instanceof UnknownHostException ? "unknown host"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new ScpiConnectionException("cannot connect to the instrument at " + address + ": " + reason
                    + "; check that it is on and the address is right", e);
        }
    }

    String address() {
        return address;
    }

    /**
     * Throws away whatever arrived unasked and tells whether the connection is still open, without
     * waiting. A closed end reads as end-of-stream at once.
     */
    boolean discardUnreadAndCheckOpen() {
        try {
            input.clear();
            line.reset();
            int n;
            while ((n = channel.read(input)) > 0) {
                input.clear();
            }
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    void writeLine(String text, long deadlineNanos) throws IOException {
        ByteBuffer output = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII));
        while (output.hasRemaining()) {
            if (channel.write(output) == 0) {
                key.interestOps(SelectionKey.OP_WRITE);
                try {
                    awaitReady(deadlineNanos);
                } finally {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
        }
    }

    /**
     * Reads up to the next newline and returns the bytes before it.
     *
     * @throws SocketTimeoutException if the deadline passes first
     * @throws EOFException if the other end closed the connection
     * @throws ScpiProtocolException if the line grows beyond {@link #MAX_LINE_BYTES}
     */
    byte[] readLine(long deadlineNanos) throws IOException {
        input.flip();
        try {
            while (true) {
                while (input.hasRemaining()) {
                    byte b = input.get();
                    if (b == '\n') {
                        byte[] result = line.toByteArray();
                        line.reset();
                        return result;
                    }
                    if (line.size() >= MAX_LINE_BYTES) {
                        throw new ScpiProtocolException("the instrument at " + address + " sent a line longer than "
                                + MAX_LINE_BYTES + " bytes without a newline");
                    }
                    line.write(b);
                }
                input.clear();
                int n = channel.read(input);
                input.flip();
                if (n < 0) {
                    throw new EOFException("connection closed by " + address);
                }
                if (n == 0) {
                    awaitReady(deadlineNanos);
                }
            }
        } finally {
            input.compact();
        }
    }

    private void awaitReady(long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // closing a broken connection may fail; there is nothing left to release
        }
    }
}
