package org.pyrolab.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PeerLogTest {

    @Test
    void aFloodFromOnePeerLogsABurstThenNothingOthersStillLog() throws Exception {
        List<String> lines = new ArrayList<>();
        PeerLog log = new PeerLog(recorder(lines));
        InetAddress flooder = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < 1000; i++) {
            log.warn(flooder, "dropped {0}", i);
        }
        assertThat(lines).hasSize(PeerLog.BURST);
        log.warn(InetAddress.getByName("127.0.0.3"), "dropped {0}", "other");
        assertThat(lines).hasSize(PeerLog.BURST + 1).last().isEqualTo("dropped other");
    }

    @Test
    void peerBytesAreEscaped() {
        byte[] bytes = "ok \"q\" \\ \u001b[2J\r\n\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(PeerLog.escape(bytes, bytes.length)).isEqualTo("ok \\\"q\\\" \\\\ \\x1b[2J\\x0d\\x0a\\xc3\\xa9");
    }

    private static System.Logger recorder(List<String> lines) {
        return new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                lines.add(msg);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                lines.add(format);
            }
        };
    }
}
