package org.pyrolab.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.pyrolab.api.lab.Daemon;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ExitCode;
import org.pyrolab.control.LockFile;
import org.pyrolab.itest.support.Await;

/** The daemon bundle's lock and control port, in the data folder test.bndrun points it at. */
class DaemonTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = Await.TIMEOUT_MS)
    Daemon daemon;

    Path data;

    @BeforeEach
    void setUp() {
        data = Paths.get(context.getProperty("pyrolab.data"));
    }

    @Test
    void dataFolderIsTheTestFolder() {
        assertThat(data.toString()).as("never the user's real folders").contains("target");
        assertThat(daemon.dataFolder()).isEqualTo(data);
    }

    @Test
    void lockfileNamesThisProcessAndTheControlPort() {
        // the record is written once the shell's commands are there and the port is open; no event says so
        LockFile lock = Await.until("a complete record in " + data.resolve(LockFile.NAME), () -> LockFile.read(data));

        assertThat(lock.pid).isEqualTo(ProcessHandle.current().pid());
        assertThat(lock.port).isPositive().isEqualTo(daemon.status().controlPort);
        assertThat(lock.version).isEqualTo("itest");
    }

    @Test
    void controlPortRunsACommandForTheTokenHolder() throws Exception {
        LockFile lock = Await.until("a complete record in " + data.resolve(LockFile.NAME), () -> LockFile.read(data));
        String token = Files.readString(data.resolve(ControlChannel.TOKEN_FILE), StandardCharsets.US_ASCII).trim();

        Reply reply = send(lock.port, token, List.of("status"));

        assertThat(reply.exit).isEqualTo(ExitCode.OK);
        assertThat(reply.out.toString()).contains("PyroLab daemon is running");
    }

    @Test
    void controlPortRefusesAWrongToken() throws Exception {
        LockFile lock = Await.until("a complete record in " + data.resolve(LockFile.NAME), () -> LockFile.read(data));

        Reply reply = send(lock.port, "not-the-token", List.of("status"));

        assertThat(reply.exit).isEqualTo(ExitCode.FAILED);
        assertThat(reply.out.toString()).isEmpty();
        assertThat(reply.err.toString()).contains("wrong control token");
    }

    /** What the daemon sent back for one command. */
    private static final class Reply {
        final StringBuilder out = new StringBuilder();
        final StringBuilder err = new StringBuilder();
        int exit = -1;
    }

    /** One command over the control channel, as the {@code pyrolab} client sends it. */
    private Reply send(int port, String token, List<String> args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Await.TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            new ControlChannel.Hello(token, args, false, false, data.toString()).writeTo(out);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            Reply reply = new Reply();
            ControlChannel.Frame frame;
            while (reply.exit < 0 && (frame = ControlChannel.readFrame(in)) != null) {
                if (frame.type == ControlChannel.STDOUT) {
                    reply.out.append(frame.text());
                } else if (frame.type == ControlChannel.STDERR) {
                    reply.err.append(frame.text());
                } else if (frame.type == ControlChannel.EXIT) {
                    reply.exit = frame.exitCode();
                }
            }
            return reply;
        }
    }
}
