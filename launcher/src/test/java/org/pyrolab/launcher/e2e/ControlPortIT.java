package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Frame;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * Strangers on the control port: wrong or missing token, garbage, silence. Every test only reads
 * the daemon's state, so one daemon serves them all; each ends by checking that it still serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPortIT {
    private static final int READ_TIMEOUT_MS = 20_000;
    private Pyrolab pyrolab;
    private int port;

    @BeforeAll
    void startDaemon() throws Exception {
        pyrolab = new Pyrolab();
        pyrolab.up();
        port = pyrolab.lock().orElseThrow().port;
    }

    @AfterAll
    void stopDaemon() throws Exception {
        pyrolab.close();
    }

    @Test
    void wrongTokenIsRefusedAndLogged() throws Exception {
        List<Frame> answer = hello("0123456789abcdef".repeat(4), List.of("down"));
        assertRefused(answer);
        assertStillServes();
    }

    @Test
    void missingTokenIsRefusedAndLogged() throws Exception {
        List<Frame> answer = hello("", List.of("down"));
        assertRefused(answer);
        assertStillServes();
    }

    @Test
    void garbageIsDropped() throws Exception {
        int before = count("dropped control connection");
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeUTF("GET / HTTP/1.1"); // a well-formed string, but not our greeting
            out.write("\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertClosedByDaemon(socket.getInputStream());
        }
        assertThat(count("dropped control connection")).isGreaterThan(before);
        assertStillServes();
    }

    @Test
    void silentClientIsDroppedAfterTheHelloTimeout() throws Exception {
        int before = count("dropped control connection");
        try (Socket socket = connect()) {
            // while it waits for the silent client, the daemon serves others
            assertStillServes();
            assertClosedByDaemon(socket.getInputStream());
        }
        assertThat(count("dropped control connection")).isGreaterThan(before);
        assertStillServes();
    }

    private void assertRefused(List<Frame> answer) throws Exception {
        assertThat(answer).extracting(f -> (char) f.type).containsExactly('E', 'X');
        assertThat(answer.get(0).text()).isEqualTo("pyrolab: refused: wrong control token (is this daemon yours?)\n");
        assertThat(answer.get(1).exitCode()).isEqualTo(1);
        assertThat(pyrolab.daemonLog()).containsPattern("WARN +org\\.pyrolab\\.daemon\\.control: refused control connection from \\S+: wrong token");
    }

    private void assertStillServes() {
        Result status = pyrolab.run("status");
        assertThat(status.exit).as("%s", status).isZero();
        assertThat(status.out).startsWith("PyroLab daemon is running\n");
    }

    /** A hello written by hand in the frame format of {@link ControlChannel}, and every frame of the answer. */
    private List<Frame> hello(String token, List<String> args) throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeUTF(ControlChannel.MAGIC);
            out.writeUTF(token);
            out.writeBoolean(false); // interactive
            out.writeBoolean(false); // verbose
            out.writeUTF(pyrolab.root.toString());
            out.writeInt(args.size());
            for (String arg : args) {
                out.writeUTF(arg);
            }
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            List<Frame> frames = new ArrayList<>();
            Frame frame;
            while ((frame = ControlChannel.readFrame(in)) != null) {
                frames.add(frame);
            }
            return frames;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    /** The daemon hangs up: end of stream, or a reset when our unread bytes were still in its buffer. */
    private static void assertClosedByDaemon(InputStream in) throws IOException {
        try {
            assertThat(in.read()).as("daemon closed the connection").isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }

    private int count(String text) throws IOException {
        return pyrolab.daemonLog().split(text, -1).length - 1;
    }
}
