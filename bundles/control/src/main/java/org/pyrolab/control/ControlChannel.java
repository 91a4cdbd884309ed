package org.pyrolab.control;

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
 * frames. A frame is a type byte, a 4-byte length and that many bytes.
 */
public final class ControlChannel {
    public static final String TOKEN_FILE = "control.token";
    public static final String MAGIC = "PYROLAB-CONTROL/1";
    /** Longest frame accepted: a command line or a chunk of output is far smaller. */
    public static final int MAX_FRAME = 1 << 20;

    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte STDIN = 'I';
    public static final byte STDIN_CLOSED = 'C';
    public static final byte EXIT = 'X';
    /** Sent by the daemon as soon as it has accepted a hello: a daemon that never sends it is hung. */
    public static final byte ACCEPTED = 'A';

    private ControlChannel() {
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

        public void writeTo(DataOutputStream out) throws IOException {
            out.writeUTF(MAGIC);
            out.writeUTF(token);
            out.writeBoolean(interactive);
            out.writeBoolean(verbose);
            out.writeUTF(cwd);
            out.writeInt(args.size());
            for (String arg : args) {
                out.writeUTF(arg);
            }
            out.flush();
        }

        /** Reads a hello; throws {@link IOException} with a short reason for anything else. */
        public static Hello readFrom(DataInputStream in) throws IOException {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException("not a PyroLab control client");
            }
            String token = in.readUTF();
            boolean interactive = in.readBoolean();
            boolean verbose = in.readBoolean();
            String cwd = in.readUTF();
            int count = in.readInt();
            if (count < 0 || count > 1000) {
                throw new IOException("bad argument count " + count);
            }
            List<String> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                args.add(in.readUTF());
            }
            return new Hello(token, args, interactive, verbose, cwd);
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
                    writeFrame(out, type, b, off, len);
                }
            }
        };
    }

}
