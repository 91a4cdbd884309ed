package org.pyrolab.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.control.ExitCode;

/** A script over {@link CommandRunner#MAX_SCRIPT} bytes is refused whole, never run cut short. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptLimitTest {
    @Test
    void aScriptOverTheLimitInBytesIsRefusedEvenWhenItHasFewerCharacters() throws Exception {
        // a comment of two-byte characters: fewer characters than the limit, more bytes
        String script = "# " + "é".repeat(CommandRunner.MAX_SCRIPT / 2) + "\n";
        assertThat(script.length()).isLessThan(CommandRunner.MAX_SCRIPT);
        assertThat(script.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(CommandRunner.MAX_SCRIPT);

        ThreadIOImpl threadIO = new ThreadIOImpl();
        threadIO.start();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try {
            CommandRunner runner = new CommandRunner(new CommandProcessorImpl(threadIO), new DataOutputStream(sent),
                    new Hello("token", List.of("shell", "--script", "big.gogo"), true, false, "/"));
            runner.script("big.gogo", new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
        } finally {
            threadIO.stop();
        }

        List<ControlChannel.Frame> frames = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(sent.toByteArray()));
        ControlChannel.Frame frame;
        while ((frame = ControlChannel.readFrame(in)) != null) {
            frames.add(frame);
        }
        assertThat(frames).filteredOn(f -> f.type == ControlChannel.STDERR).extracting(ControlChannel.Frame::text)
                .anyMatch(t -> t.contains("the script big.gogo is over 1024 KiB"));
        assertThat(frames.get(frames.size() - 1).exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
