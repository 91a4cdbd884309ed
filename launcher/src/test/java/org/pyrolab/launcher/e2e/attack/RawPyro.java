package org.pyrolab.launcher.e2e.attack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Pyro5 protocol 502 written by hand, for what no client library sends: headers that lie about
 * their lengths, payloads nobody should parse, frames cut short. Independent of the daemon's own
 * codec on purpose (an attacker does not use it either); the layout is the one of
 * {@code /work/shared/reference/pyro5-protocol.md} §1.
 */
final class RawPyro {
    static final int HEADER_SIZE = 40;
    static final int VERSION = 502;
    static final int MAGIC = 0x4dc5;

    static final int CONNECT = 1;
    static final int CONNECTOK = 2;
    static final int CONNECTFAIL = 3;
    static final int INVOKE = 4;
    static final int RESULT = 5;
    static final int PING = 6;

    static final int FLAG_EXCEPTION = 0x01;
    static final int FLAG_COMPRESSED = 0x02;
    static final int FLAG_ONEWAY = 0x04;

    static final int SERPENT = 1;
    static final int JSON = 3;

    private static final String SERPENT_HEADER = "# serpent utf-8 python3.2\n";

    private RawPyro() {
    }

    /** A header with whatever lengths and fields the caller claims (they are not checked). */
    static byte[] header(int type, int serializer, int flags, int seq, long payloadLength, long annotationLength) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.put("PYRO".getBytes(StandardCharsets.US_ASCII)).putShort((short) VERSION).put((byte) type).put((byte) serializer);
        b.putShort((short) flags).putShort((short) seq).putInt((int) payloadLength).putInt((int) annotationLength);
        b.put(new byte[16]).putShort((short) 0).putShort((short) MAGIC);
        return b.array();
    }

    /** A well-formed message without annotations. */
    static byte[] message(int type, int serializer, int flags, int seq, byte[] payload) {
        return concat(header(type, serializer, flags, seq, payload.length, 0), payload);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A serpent payload holding the Python literal {@code literal}. */
    static byte[] serpent(String literal) {
        return (SERPENT_HEADER + literal).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The CONNECT payload for {@code objectId} in the given serializer, with {@code handshake} (a literal) as handshake value. */
    static byte[] connectPayload(int serializer, String objectId, String handshake) {
        return serializer == JSON ? utf8("{\"handshake\": " + handshake + ", \"object\": \"" + objectId + "\"}")
                : serpent("{'handshake':" + handshake + ",'object':'" + objectId + "'}");
    }

    static byte[] connect(int serializer, String objectId) {
        return message(CONNECT, serializer, 0, 0, connectPayload(serializer, objectId, serializer == JSON ? "\"hello\"" : "'hello'"));
    }

    /** An INVOKE payload calling {@code method} with {@code args}, a comma-separated list of literals. */
    static byte[] invokePayload(int serializer, String objectId, String method, String args) {
        return serializer == JSON
                ? utf8("{\"object\": \"" + objectId + "\", \"method\": \"" + method + "\", \"params\": [" + args + "], \"kwargs\": {}}")
                : serpent("('" + objectId + "','" + method + "',(" + args + (args.isEmpty() ? "" : ",") + "),{})");
    }

    static byte[] invoke(int serializer, int seq, String objectId, String method, String args) {
        return message(INVOKE, serializer, 0, seq, invokePayload(serializer, objectId, method, args));
    }

    /** {@code n} opening brackets, then {@code n} closing ones. */
    static String nested(int n, char open, char close) {
        return String.valueOf(open).repeat(n) + String.valueOf(close).repeat(n);
    }

    /** zlib (RFC 1950) of {@code zeros} zero bytes, deflated in pieces so that they never exist at once. */
    static byte[] zlibOfZeros(long zeros) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] chunk = new byte[1 << 20];
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (long left = zeros; left > 0; left -= chunk.length) {
                d.setInput(chunk, 0, (int) Math.min(chunk.length, left));
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            }
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    /** One message read back from the daemon. */
    static final class Reply {
        final int type;
        final int serializer;
        final int flags;
        final int seq;
        final byte[] payload;

        Reply(int type, int serializer, int flags, int seq, byte[] payload) {
            this.type = type;
            this.serializer = serializer;
            this.flags = flags;
            this.seq = seq;
            this.payload = payload;
        }

        boolean exception() {
            return (flags & FLAG_EXCEPTION) != 0;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String t = text();
            return "type " + type + ", flags 0x" + Integer.toHexString(flags) + ", seq " + seq + ": "
                    + (t.length() > 300 ? t.substring(0, 300) + "…" : t);
        }
    }

    /** How the daemon dealt with what was sent on one connection. */
    enum Outcome {
        /** A whole Pyro5 message came back (a CONNECTFAIL, an error RESULT, ...). */
        REPLIED,
        /** The daemon hung up (end of stream, or a reset) without a reply. */
        CLOSED,
        /** Neither within the read timeout: the connection hangs. */
        HUNG,
        /** Part of a message, then the end: never a correct answer. */
        GARBLED
    }

    /** What came back on a connection, and when. */
    static final class Answer {
        final Outcome outcome;
        final Reply reply;
        final long millis;

        Answer(Outcome outcome, Reply reply, long millis) {
            this.outcome = outcome;
            this.reply = reply;
            this.millis = millis;
        }

        @Override
        public String toString() {
            return outcome + " after " + millis + " ms" + (reply != null ? " (" + reply + ")" : "");
        }
    }

    /** A raw connection; closing it is the caller's job (try-with-resources). */
    static final class Peer implements AutoCloseable {
        final Socket socket;
        private final Counting counted;
        private final InputStream in;
        /** Set when the daemon cut the connection while we were still writing. */
        boolean cutOffWhileSending;

        Peer(int port, int readTimeoutMillis) throws IOException {
            socket = new Socket();
            try {
                socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                socket.setSoTimeout(readTimeoutMillis);
                socket.setTcpNoDelay(true);
                counted = new Counting(socket.getInputStream());
                in = new BufferedInputStream(counted);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** Writes {@code bytes}; a daemon that hangs up meanwhile is noted, not thrown. */
        Peer send(byte[] bytes) throws IOException {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (SocketException cut) {
                cutOffWhileSending = true;
            }
            return this;
        }

        /** Tells the daemon we will send nothing more (it then reads end of stream). */
        Peer halfClose() throws IOException {
            if (!socket.isOutputShutdown() && !cutOffWhileSending) {
                try {
                    socket.shutdownOutput();
                } catch (SocketException gone) {
                    // already reset by the daemon
                }
            }
            return this;
        }

        /** The next message; throws EOFException when the stream ends, SocketTimeoutException when nothing comes. */
        Reply read() throws IOException {
            byte[] h = in.readNBytes(HEADER_SIZE);
            if (h.length < HEADER_SIZE) {
                throw new EOFException(h.length == 0 ? "closed" : "closed after " + h.length + " header bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(h);
            byte[] tag = new byte[4];
            b.get(tag);
            int version = b.getShort() & 0xffff;
            int type = b.get() & 0xff;
            int serializer = b.get() & 0xff;
            int flags = b.getShort() & 0xffff;
            int seq = b.getShort() & 0xffff;
            long payloadLength = b.getInt() & 0xffffffffL;
            long annotationLength = b.getInt() & 0xffffffffL;
            if (!"PYRO".equals(new String(tag, StandardCharsets.US_ASCII)) || version != VERSION
                    || payloadLength + annotationLength > 64 << 20) {
                throw new IOException("not a Pyro5 502 header from the daemon: " + java.util.HexFormat.of().formatHex(h));
            }
            byte[] annotations = in.readNBytes((int) annotationLength);
            byte[] payload = in.readNBytes((int) payloadLength);
            if (annotations.length < annotationLength || payload.length < payloadLength) {
                throw new EOFException("closed inside a message");
            }
            return new Reply(type, serializer, flags, seq, payload);
        }

        /**
         * Waits for the daemon's answer to what was sent: the first whole message, or the end of
         * the connection, whichever comes first; {@link Outcome#HUNG} after the read timeout.
         */
        Answer answer() {
            long start = System.nanoTime();
            long before = counted.count;
            try {
                Reply reply = read();
                return new Answer(Outcome.REPLIED, reply, since(start));
            } catch (SocketTimeoutException e) {
                return new Answer(Outcome.HUNG, null, since(start));
            } catch (EOFException | SocketException e) { // a reset: the daemon closed with our bytes unread
                return new Answer(counted.count == before ? Outcome.CLOSED : Outcome.GARBLED, null, since(start));
            } catch (IOException e) {
                return new Answer(Outcome.GARBLED, null, since(start));
            }
        }

        /** True once the daemon has hung up; reads (and drops) what comes before. False on read timeout. */
        boolean closedByDaemon() throws IOException {
            try {
                while (in.read() >= 0) {
                    // a reply before the end is fine here
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Counts the bytes that arrived, so that a hang-up after part of a message shows. */
    private static final class Counting extends java.io.FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
