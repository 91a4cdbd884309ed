package org.pyrolab.launcher;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Frame;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.control.ExitCode;
import org.pyrolab.control.LockFile;

/** Sends one command (or an interactive shell) to the daemon over its loopback control port. */
final class ControlClient {
    private static final int ACCEPT_TIMEOUT_MS = 5000;

    /** The daemon holds the port but does not answer. */
    static final class DaemonNotAnswering extends IOException {
        private static final long serialVersionUID = 1L;

        DaemonNotAnswering(String message) {
            super(message);
        }
    }

    private final Path data;
    private final LockFile lock;

    ControlClient(Path data, LockFile lock) {
        this.data = data;
        this.lock = lock;
    }

    long pid() {
        return lock.pid;
    }

    /**
     * True when the daemon answers an empty request within {@code timeoutMs}. A daemon that says
     * it is busy answers too: it is alive, and {@code up --force} must not end it.
     */
    boolean answers(int timeoutMs) {
        java.io.ByteArrayOutputStream why = new java.io.ByteArrayOutputStream();
        try {
            int code = run(List.of(), false, false, null, nullStream(), new PrintStream(why), timeoutMs);
            return code == ExitCode.OK || why.toString(StandardCharsets.UTF_8).startsWith(ControlChannel.BUSY);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code args} in the daemon, copying its output to {@code out} and {@code err} as it
     * comes; returns the command's exit status. {@code stdin} is forwarded in an interactive shell.
     */
    int run(List<String> args, boolean interactive, boolean verbose, InputStream stdin, PrintStream out, PrintStream err,
            int timeoutMs) throws IOException {
        return converse(args, interactive, verbose, timeoutMs, toDaemon -> {
            if (interactive) {
                forwardInput(stdin, toDaemon);
            }
        }, null, out, err);
    }

    /** What a conversation does once the hello is sent: start forwarding input, say. */
    private interface Opening {
        void begin(DataOutputStream toDaemon) throws IOException;
    }

    /** Answers the daemon's prompt frames: only the terminal shell has them. */
    private interface Prompts {
        void answer(String prompt, DataOutputStream toDaemon) throws IOException;
    }

    /**
     * One connection: the hello, then the daemon's frames until its exit status. A daemon that
     * does not accept the hello within the timeout (5 s when none is given) is called hung.
     */
    private int converse(List<String> args, boolean interactive, boolean verbose, int timeoutMs, Opening opening, Prompts prompts,
            PrintStream out, PrintStream err) throws IOException {
        String token = readToken();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), lock.port), Math.max(timeoutMs, 1000));
            // a daemon that accepts connections but never says so (stopped, hung) must not hang us
            socket.setSoTimeout(timeoutMs > 0 ? timeoutMs : ACCEPT_TIMEOUT_MS);
            DataOutputStream toDaemon = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream fromDaemon = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            new Hello(token, args, interactive, verbose, System.getProperty("user.dir")).writeTo(toDaemon);
            opening.begin(toDaemon);
            while (true) {
                Frame frame;
                try {
                    frame = ControlChannel.readFrame(fromDaemon);
                } catch (SocketTimeoutException e) {
                    throw new DaemonNotAnswering("PyroLab daemon (pid " + lock.pid + ") does not answer on its control port;"
                            + " if it is hung, run `pyrolab up --force`");
                }
                if (frame == null) {
                    throw new IOException("the daemon closed the connection without an exit status");
                }
                if (frame.type == ControlChannel.ACCEPTED) {
                    socket.setSoTimeout(timeoutMs); // from now on a command may take as long as it takes
                } else if (frame.type == ControlChannel.STDOUT) {
                    out.write(frame.data);
                    out.flush();
                } else if (frame.type == ControlChannel.STDERR) {
                    err.write(frame.data);
                    err.flush();
                } else if (frame.type == ControlChannel.PROMPT && prompts != null) {
                    prompts.answer(frame.text(), toDaemon);
                } else if (frame.type == ControlChannel.EXIT) {
                    return frame.exitCode();
                } else {
                    throw new IOException("unexpected frame type " + frame.type + " from the daemon");
                }
            }
        }
    }

    /**
     * What {@code pyrolab shell} on a terminal needs from its line editor; implemented with JLine
     * in {@link TerminalShell}, so this class (and every other command) loads no JLine class.
     */
    interface Keyboard {
        /** The line the user enters after {@code prompt}; null for Ctrl-D (end of input). */
        String readLine(String prompt) throws IOException;

        /** Runs {@code action} on Ctrl-C while no line is being read (a command runs). */
        void onInterrupt(Runnable action);
    }

    /**
     * {@code pyrolab shell} on a terminal: the daemon sends a prompt frame whenever it reads the
     * next line; the line is read here with {@code keyboard} (editing, history and completion stay
     * on the client) and sent as one input frame. Ctrl-C while a command runs sends an interrupt
     * frame; Ctrl-D closes the input, and the daemon ends the shell with exit 0.
     */
    int terminal(boolean verbose, Keyboard keyboard, PrintStream out, PrintStream err) throws IOException {
        return converse(List.of("shell", "--terminal"), true, verbose, 0, toDaemon -> keyboard.onInterrupt(() -> {
            try {
                synchronized (toDaemon) {
                    ControlChannel.writeFrame(toDaemon, ControlChannel.INTERRUPT, new byte[0], 0, 0);
                }
            } catch (IOException gone) {
                // the shell has ended; the frames loop sees it
            }
        }), (prompt, toDaemon) -> {
            String line = keyboard.readLine(prompt);
            synchronized (toDaemon) {
                if (line == null) {
                    ControlChannel.writeFrame(toDaemon, ControlChannel.STDIN_CLOSED, new byte[0], 0, 0);
                } else {
                    byte[] bytes = (line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
                    ControlChannel.frameStream(toDaemon, ControlChannel.STDIN).write(bytes);
                }
            }
        }, out, err);
    }

    private String readToken() throws IOException {
        return new String(Files.readAllBytes(data.resolve(ControlChannel.TOKEN_FILE)), StandardCharsets.US_ASCII).trim();
    }

    private static void forwardInput(InputStream stdin, DataOutputStream toDaemon) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = stdin.read(buffer)) >= 0) {
                    synchronized (toDaemon) {
                        ControlChannel.writeFrame(toDaemon, ControlChannel.STDIN, buffer, 0, n);
                    }
                }
                synchronized (toDaemon) {
                    ControlChannel.writeFrame(toDaemon, ControlChannel.STDIN_CLOSED, buffer, 0, 0);
                }
            } catch (IOException sessionEnded) {
                // the daemon closed the session (exit); nothing left to forward
            }
        }, "pyrolab-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    private static PrintStream nullStream() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }
}
