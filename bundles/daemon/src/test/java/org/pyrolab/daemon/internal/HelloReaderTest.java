package org.pyrolab.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;

/** The daemon's side of the hello over a real loopback connection: whole, bounded, in time. */
@Timeout(10)
class HelloReaderTest {
    private static final String TOKEN = "ab".repeat(32);

    private ServerSocket server;
    private Socket client;
    private Socket accepted;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        accepted = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        accepted.close();
        server.close();
    }

    @Test
    void validHelloIsReadWithWhatFollowsIt() throws Exception {
        byte[] hello = hello(List.of("logs", "-f", "näme"));
        OutputStream out = client.getOutputStream();
        out.write(hello);
        out.write("after".getBytes(StandardCharsets.US_ASCII)); // an input frame may come in the same packet
        out.flush();
        HelloReader.Greeting greeting = HelloReader.read(accepted, deadline(2000));
        assertThat(greeting.hello.token).isEqualTo(TOKEN);
        assertThat(greeting.hello.args).containsExactly("logs", "-f", "näme");
        assertThat(greeting.hello.cwd).isEqualTo("/tmp");
        assertThat(new String(greeting.rest.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("after");
    }

    @Test
    void helloInPiecesIsPutTogether() throws Exception {
        byte[] hello = hello(List.of("status"));
        OutputStream out = client.getOutputStream();
        Thread writer = new Thread(() -> {
            try {
                for (byte b : hello) {
                    out.write(b);
                    out.flush();
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        assertThat(HelloReader.read(accepted, deadline(2000)).hello.args).containsExactly("status");
        writer.join();
    }

    @Test
    void oversizedHelloFailsAtTheBoundWithoutWaitingForTheRest() throws Exception {
        // 1000 arguments of 65535 bytes each are announced (64 MiB); 1 MiB is sent
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeUTF(ControlChannel.MAGIC);
        data.writeUTF(TOKEN);
        data.writeBoolean(false);
        data.writeBoolean(false);
        data.writeUTF("/tmp");
        data.writeInt(1000);
        data.writeShort(65535);
        bytes.write(new byte[(1 << 20) - bytes.size()]);
        Thread writer = new Thread(() -> {
            try {
                bytes.writeTo(client.getOutputStream());
            } catch (IOException closedByTheReader) {
                // expected once the reader gives up
            }
        });
        writer.start();
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(5000)))
                .hasMessageStartingWith("hello longer than 8192 bytes; it began \"\\x00\\x11PYROLAB-CONTROL/1");
        accepted.close();
        writer.join();
    }

    @Test
    void helloThatDoesNotFitInEightKibFails() throws Exception {
        client.getOutputStream().write(hello(List.of("call", "x", "y".repeat(10_000))));
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(2000))).hasMessageStartingWith("hello longer than 8192 bytes");
    }

    @Test
    void truncatedHelloFailsWhenTheClientCloses() throws Exception {
        byte[] hello = hello(List.of("status"));
        client.getOutputStream().write(hello, 0, hello.length - 3);
        client.shutdownOutput();
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(2000)))
                .hasMessageStartingWith("hello cut off after " + (hello.length - 3) + " bytes");
    }

    @Test
    void silenceFailsAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(300))).hasMessageStartingWith("no whole hello in time (0 bytes");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 2000L);
    }

    @Test
    void tricklingFailsAtTheTotalDeadlineNotPerRead() throws Exception {
        byte[] hello = hello(List.of("status"));
        OutputStream out = client.getOutputStream();
        Thread trickler = new Thread(() -> {
            try {
                for (byte b : hello) { // one byte every 50 ms: each read is quick, the whole is slow
                    out.write(b);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException stopped) {
                // the reader closed the connection
            }
        });
        trickler.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(500)))
                .hasMessageStartingWith("no whole hello in time (")
                .hasMessageContaining("it began \"\\x00\\x11PYRO");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(450L, 3000L);
        accepted.close();
        trickler.interrupt();
        trickler.join();
    }

    @Test
    void garbageFailsAtOnceAndIsQuotedEscaped() throws Exception {
        client.getOutputStream().write("\u0000\u0010GET / HTTP/1.1\r\n\u001b[31m".getBytes(StandardCharsets.ISO_8859_1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(5000)))
                .hasMessage("not a PyroLab control client; it began \"\\x00\\x10GET / HTTP/1.1\\x0d\\x0a\\x1b[31m\"");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000L);
    }

    @Test
    void tooManyArgumentsIsGarbage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeUTF(ControlChannel.MAGIC);
        data.writeUTF(TOKEN);
        data.writeBoolean(false);
        data.writeBoolean(false);
        data.writeUTF("/tmp");
        data.writeInt(Integer.MAX_VALUE);
        client.getOutputStream().write(bytes.toByteArray());
        assertThatThrownBy(() -> HelloReader.read(accepted, deadline(2000))).hasMessageStartingWith("bad argument count 2147483647");
    }

    @Test
    void theClientRefusesToSendAHelloThatIsTooLong() {
        Hello hello = new Hello(TOKEN, List.of("call", "x", "y".repeat(10_000)), false, false, "/tmp");
        assertThatThrownBy(() -> hello.writeTo(new DataOutputStream(OutputStream.nullOutputStream())))
                .hasMessageStartingWith("the command line is too long for the daemon (");
    }

    private static byte[] hello(List<String> args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeUTF(ControlChannel.MAGIC); // by hand: the client itself refuses to write an oversized hello
        data.writeUTF(TOKEN);
        data.writeBoolean(false);
        data.writeBoolean(false);
        data.writeUTF("/tmp");
        data.writeInt(args.size());
        for (String arg : args) {
            data.writeUTF(arg);
        }
        return bytes.toByteArray();
    }

    private static long deadline(long ms) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
