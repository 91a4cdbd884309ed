package org.pyrolab.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;

/** Ctrl-C in a terminal shell: the running command ends, the shell goes on; a stray interrupt changes nothing. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShellInterruptTest {
    /** Gogo commands for the test: one that answers, one that blocks until interrupted. */
    public static final class Commands {
        public String hello() {
            return "hi";
        }

        public void block() throws InterruptedException {
            blockStarted.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            } finally {
                blockEnded.countDown();
            }
        }
    }

    /** Counted down when {@code block} runs (an interrupt before could cancel it unrun) and when it ends (one after could hit the next command). */
    static CountDownLatch blockStarted;
    static CountDownLatch blockEnded;
    private ThreadIOImpl threadIO;
    private CommandProcessorImpl processor;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final DataOutputStream channel = new DataOutputStream(sent);

    @BeforeEach
    void gogo() {
        blockStarted = new CountDownLatch(1);
        blockEnded = new CountDownLatch(1);
        threadIO = new ThreadIOImpl();
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("test", new Commands());
    }

    @AfterEach
    void stop() {
        threadIO.stop();
    }

    private CommandRunner runner() {
        return new CommandRunner(processor, channel, new Hello("token", List.of("shell", "--terminal"), true, false, "/"));
    }

    @Test
    void aStrayInterruptBeforeAnyCommandChangesNothing() throws Exception {
        CommandRunner runner = runner();
        runner.interrupt(); // no session yet
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        DataOutputStream frames = new DataOutputStream(client);
        ControlChannel.writeFrame(frames, ControlChannel.INTERRUPT, new byte[0], 0, 0);
        byte[] line = "hello\n".getBytes(StandardCharsets.UTF_8);
        ControlChannel.writeFrame(frames, ControlChannel.STDIN, line, 0, line.length);
        ByteArrayOutputStream later = new ByteArrayOutputStream();
        DataOutputStream laterFrames = new DataOutputStream(later);
        ControlChannel.writeFrame(laterFrames, ControlChannel.INTERRUPT, new byte[0], 0, 0); // once `hello` has answered: no command runs
        ControlChannel.writeFrame(laterFrames, ControlChannel.STDIN_CLOSED, new byte[0], 0, 0);

        PipedInputStream stdin = new PipedInputStream(8192);
        PipedOutputStream feed = new PipedOutputStream(stdin);
        CountDownLatch shellDone = new CountDownLatch(1);
        // the client's frames, then its connection stays open until the shell has ended, as a real client's does
        InputStream afterTheAnswer = new SequenceInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!stdout(frames()).contains("hi\n") && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return -1;
            }
        }, new ByteArrayInputStream(later.toByteArray()));
        InputStream connection = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(client.toByteArray()), afterTheAnswer), new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    shellDone.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        });
        Thread watcher = new Thread(() -> ControlServer.watch(new DataInputStream(connection), feed, runner, new Socket()));
        watcher.start();
        runner.shell(stdin, true); // ends at STDIN_CLOSED
        shellDone.countDown();
        watcher.join();

        List<ControlChannel.Frame> got = frames();
        assertThat(stdout(got)).contains("hi\n").doesNotContain("pyrolab:");
        assertThat(got).filteredOn(f -> f.type == ControlChannel.PROMPT).hasSize(2);
        assertThat(got.get(got.size() - 1).type).isEqualTo(ControlChannel.EXIT);
        assertThat(got.get(got.size() - 1).exitCode()).isZero();
    }

    @Test
    void anInterruptEndsTheRunningCommandAndTheShellGoesOn() throws Exception {
        CommandRunner runner = runner();
        InputStreamFeed input = new InputStreamFeed("block\nhello\n");
        Thread shell = new Thread(() -> {
            try {
                runner.shell(input.in, true);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        shell.start();
        assertThat(blockStarted.await(20, TimeUnit.SECONDS)).as("block runs").isTrue();
        do {
            runner.interrupt(); // repeated: the job may not be the session's foreground job yet
        } while (!blockEnded.await(50, TimeUnit.MILLISECONDS));
        shell.join(TimeUnit.SECONDS.toMillis(20)); // `hello` runs uninterrupted
        assertThat(shell.isAlive()).as("the shell ended after its input").isFalse();
        List<ControlChannel.Frame> got = frames();
        assertThat(stdout(got)).contains("hi\n");
        assertThat(got).filteredOn(f -> f.type == ControlChannel.STDERR).isEmpty();
        assertThat(got.get(got.size() - 1).exitCode()).isZero();
    }

    /** Input that is all there and then ends. */
    private static final class InputStreamFeed {
        final ByteArrayInputStream in;

        InputStreamFeed(String text) {
            in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<ControlChannel.Frame> frames() throws IOException {
        DataInputStream in;
        synchronized (channel) {
            in = new DataInputStream(new ByteArrayInputStream(sent.toByteArray()));
        }
        List<ControlChannel.Frame> frames = new ArrayList<>();
        ControlChannel.Frame frame;
        while ((frame = ControlChannel.readFrame(in)) != null) {
            frames.add(frame);
        }
        return frames;
    }

    private static String stdout(List<ControlChannel.Frame> frames) {
        StringBuilder text = new StringBuilder();
        frames.stream().filter(f -> f.type == ControlChannel.STDOUT).forEach(f -> text.append(f.text()));
        return text.toString();
    }
}
