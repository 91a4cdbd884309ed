package org.pyrolab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The terminal shell's frames: interrupt (client to daemon) and prompt (daemon to client). */
class ControlChannelFrameTest {

    @Test
    void interruptAndPromptFramesReadBackAsWritten() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        ControlChannel.writeFrame(out, ControlChannel.INTERRUPT, new byte[0], 0, 0);
        byte[] prompt = "pyrolab> ".getBytes(StandardCharsets.UTF_8);
        ControlChannel.writeFrame(out, ControlChannel.PROMPT, prompt, 0, prompt.length);
        ControlChannel.writeExit(out, 0);

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        ControlChannel.Frame interrupt = ControlChannel.readFrame(in);
        assertThat(interrupt.type).isEqualTo(ControlChannel.INTERRUPT);
        assertThat(interrupt.data).isEmpty();
        ControlChannel.Frame promptFrame = ControlChannel.readFrame(in);
        assertThat(promptFrame.type).isEqualTo(ControlChannel.PROMPT);
        assertThat(promptFrame.text()).isEqualTo("pyrolab> ");
        assertThat(ControlChannel.readFrame(in).exitCode()).isZero();
        assertThat(ControlChannel.readFrame(in)).as("clean end of stream").isNull();
    }

    @Test
    void frameTypesAreDistinct() {
        byte[] types = {ControlChannel.STDOUT, ControlChannel.STDERR, ControlChannel.STDIN, ControlChannel.STDIN_CLOSED,
                ControlChannel.EXIT, ControlChannel.ACCEPTED, ControlChannel.INTERRUPT, ControlChannel.PROMPT};
        assertThat(new String(types, StandardCharsets.US_ASCII).chars().distinct().count()).isEqualTo(types.length);
    }

    @Test
    void anInterruptThatAnnouncesAHugeBodyIsRefusedUnread() {
        byte[] frame = {ControlChannel.INTERRUPT, 0x7f, 0, 0, 0};
        assertThatThrownBy(() -> ControlChannel.readFrame(new DataInputStream(new ByteArrayInputStream(frame))))
                .isInstanceOf(IOException.class).hasMessageContaining("out of bounds");
    }
}
