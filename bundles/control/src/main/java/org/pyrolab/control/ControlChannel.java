package org.pyrolab.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames on the control port. The client opens with a {@link Hello}; the daemon answers with
 * output frames and ends with one exit frame. In an interactive shell the client also sends input
 * frames, and in a terminal shell interrupt frames (Ctrl-C) while the daemon sends prompt frames.
 * A frame is a type byte, a 4-byte length and that many bytes.
 */
public final class ControlChannel {
    public static final String TOKEN_FILE = "control.token";
    public static final String MAGIC = "PYROLAB-CONTROL/1";
    /**
     * Longest hello: magic, a 64-digit token, a working directory and the arguments fit many times
     * over. The daemon reads no more than this before it compares the token.
     */
    public static final int MAX_HELLO = 8 * 1024;
    /** Longest frame either side accepts; longer output is sent as several frames. */
    public static final int MAX_FRAME = 64 * 1024;

    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte STDIN = 'I';
    public static final byte STDIN_CLOSED = 'C';
    /**
     * Client to daemon, empty: Ctrl-C in {@code pyrolab shell}'s terminal. The daemon interrupts
     * the command running in that shell, if any; the shell and the connection stay. One that comes
     * when no command runs (or on a connection with no shell) changes nothing.
     */
    public static final byte INTERRUPT = 'T';
    /**
     * Daemon to client, in a terminal shell ({@code shell --terminal}): the previous line has run
     * and the daemon reads the next one; the data is the prompt. The client's line editor shows it
     * and sends the line the user enters as an input frame.
     */
    public static final byte PROMPT = 'P';
    public static final byte EXIT = 'X';
    /** Sent by the daemon as soon as it has accepted a hello: a daemon that never sends it is hung. */
    public static final byte ACCEPTED = 'A';

    /** How the daemon's refusal starts when every slot runs a command: a busy daemon is still a live one. */
    public static final String BUSY = "pyrolab: the daemon is busy: ";

    private ControlChannel() {
    }

    /** The one line a client gets when all {@code commands} slots run real commands. */
    public static String busy(int commands) {
        return BUSY + commands + " commands are running; try again\n";
    }

    /** The client's opening: who it is and what to run. */
    public static final class Hello {
        public final String token;
        public final List<String> args;
        /** An interactive shell session instead of one command. */
        public final boolean interactive;
        public final boolean verbose;
        /** The client's working directory, against which relative file arguments are resolved. */
        public final String cwd;

        public Hello(String token, List<String> args, boolean interactive, boolean verbose, String cwd) {
            this.token = token;
            this.args = List.copyOf(args);
            this.interactive = interactive;
            this.verbose = verbose;
            this.cwd = cwd;
        }

        /** Writes the hello; fails with a sentence for the user when it is longer than {@link #MAX_HELLO}. */
        public void writeTo(DataOutputStream out) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream hello = new DataOutputStream(bytes);
            hello.writeUTF(MAGIC);
            hello.writeUTF(token);
            hello.writeBoolean(interactive);
            hello.writeBoolean(verbose);
            hello.writeUTF(cwd);
            hello.writeInt(args.size());
            for (String arg : args) {
                hello.writeUTF(arg);
            }
            if (bytes.size() > MAX_HELLO) {
                throw new CommandFailure("the command line is too long for the daemon (" + bytes.size() + " bytes with the working directory,"
                        + " at most " + MAX_HELLO + "); shorten the arguments");
            }
            bytes.writeTo(out);
            out.flush();
        }

        /**
         * Parses a hello from the first {@code length} bytes of {@code buffer}: null while it is
         * incomplete, an {@link IOException} with a short reason as soon as it cannot be one (wrong
         * magic, a field that would not fit in {@link #MAX_HELLO}). Never allocates more than it
         * was given, whatever lengths the bytes announce.
         */
        public static Parsed parse(byte[] buffer, int length) throws IOException {
            Cursor in = new Cursor(buffer, Math.min(length, MAX_HELLO));
            String magic = in.utf();
            if (magic == null) {
                return null;
            }
            if (!MAGIC.equals(magic)) {
                throw new IOException("not a PyroLab control client");
            }
            String token = in.utf();
            if (token == null || !in.has(2)) {
                return null;
            }
            boolean interactive = in.bool();
            boolean verbose = in.bool();
            String cwd = in.utf();
            if (cwd == null || !in.has(4)) {
                return null;
            }
            int count = in.int32();
            if (count < 0 || count > MAX_HELLO / 2) {
                throw new IOException("bad argument count " + count);
            }
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String arg = in.utf();
                if (arg == null) {
                    return null;
                }
                args.add(arg);
            }
            return new Parsed(new Hello(token, args, interactive, verbose, cwd), in.at);
        }
    }

    /** A whole hello and how many bytes of the buffer it took; what follows belongs to the frames. */
    public static final class Parsed {
        public final Hello hello;
        public final int length;

        Parsed(Hello hello, int length) {
            this.hello = hello;
            this.length = length;
        }
    }

    /** Reads the hello's fields (DataOutputStream's format) from a buffer; null means "not all there yet". */
    private static final class Cursor {
        private final byte[] buffer;
        private final int end;
        int at;

        Cursor(byte[] buffer, int end) {
            this.buffer = buffer;
            this.end = end;
        }

        boolean has(int n) {
            return end - at >= n;
        }

        String utf() throws IOException {
            if (!has(2)) {
                return null;
            }
            int length = ((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff);
            if (at + 2 + length > MAX_HELLO) {
                throw new IOException("hello longer than " + MAX_HELLO + " bytes");
            }
            if (!has(2 + length)) {
                return null;
            }
            // the announced length is known to be there: readUTF allocates only for bytes we hold
            String text = new DataInputStream(new ByteArrayInputStream(buffer, at, 2 + length)).readUTF();
            at += 2 + length;
            return text;
        }

        boolean bool() {
            return buffer[at++] != 0;
        }

        int int32() {
            int value = ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16) | ((buffer[at + 2] & 0xff) << 8) | (buffer[at + 3] & 0xff);
            at += 4;
            return value;
        }
    }

    /** Writes one frame; callers serialize writers on {@code out}. */
    public static void writeFrame(DataOutputStream out, byte type, byte[] data, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len);
        out.write(data, off, len);
        out.flush();
    }

    public static void writeExit(DataOutputStream out, int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(4);
        out.writeInt(code);
        out.flush();
    }

    /** One frame read from the other side. */
    public static final class Frame {
        public final byte type;
        public final byte[] data;

        Frame(byte type, byte[] data) {
            this.type = type;
            this.data = data;
        }

        public int exitCode() {
            return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The next frame, or null at a clean end of stream. */
    public static Frame readFrame(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("frame of " + length + " bytes is out of bounds");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return new Frame((byte) type, data);
    }

    /** An output stream that sends what is written to it as frames of one type. */
    public static OutputStream frameStream(DataOutputStream out, byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (out) {
                    do { // the reader takes frames of at most MAX_FRAME
                        int n = Math.min(len, MAX_FRAME);
                        writeFrame(out, type, b, off, n);
                        off += n;
                        len -= n;
                    } while (len > 0);
                }
            }
        };
    }

}
