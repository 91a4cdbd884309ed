package org.pyrolab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which commands the launcher runs itself when no daemon runs. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DaemonFreeCommandsTest {

    @Test
    void configLogsAndDriversRunWithoutADaemonExceptExport() {
        assertThat(DaemonFreeCommands.handles(List.of("config", "validate", "x.yaml"))).isTrue();
        assertThat(DaemonFreeCommands.handles(List.of("config", "--yes", "reset"))).isTrue();
        assertThat(DaemonFreeCommands.handles(List.of("config"))).as("its usage error is the same either way").isTrue();
        assertThat(DaemonFreeCommands.handles(List.of("logs", "-f"))).isTrue();
        assertThat(DaemonFreeCommands.handles(List.of("drivers", "--json"))).isTrue();
        assertThat(DaemonFreeCommands.handles(List.of("config", "export", "x.yaml"))).as("what a daemon runs").isFalse();
        assertThat(DaemonFreeCommands.handles(List.of("reload"))).isFalse();
        assertThat(DaemonFreeCommands.handles(List.of("status"))).isFalse();
    }
}
