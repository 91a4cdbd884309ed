package org.pyrolab.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.DaemonProperties;

@Timeout(10)
class DataFolderTest {
    private static final Path DATA = Paths.get("/home/ada/.local/share/pyrolab");

    @Test
    void everyPartLivesUnderTheDataFolder() {
        DataFolder folder = DataFolder.from(Map.of(DaemonProperties.DATA, DATA.toString())::get, "1.0.0");
        assertThat(folder.root()).isEqualTo(DATA);
        assertThat(folder.lockfile()).isEqualTo(DATA.resolve("pyrolabd.lock"));
        assertThat(folder.instanceLock()).isEqualTo(DATA.resolve("instance.lock"));
        assertThat(folder.token()).isEqualTo(DATA.resolve("control.token"));
        assertThat(folder.deploy()).isEqualTo(DATA.resolve("deploy"));
        assertThat(folder.daemonLog()).isEqualTo(DATA.resolve("logs/pyrolabd.log.0"));
        assertThat(folder.serviceLog("laser")).isEqualTo(DATA.resolve("logs/services/laser.log.0"));
        assertThat(folder.nameservers()).isEqualTo(DATA.resolve("nameservers"));
        // without a separate configuration folder, the user configuration sits in the data folder
        assertThat(folder.userConfig()).isEqualTo(DATA.resolve("config.yaml"));
        assertThat(folder.startConfig()).isNull();
        assertThat(folder.version()).isEqualTo("1.0.0");
    }

    @Test
    void theLaunchersPropertiesWin() {
        DataFolder folder = DataFolder.from(Map.of(DaemonProperties.DATA, DATA.toString(), DaemonProperties.CONFIG, "/etc/pyro",
                DaemonProperties.START_CONFIG, "/tmp/lab.yaml", DaemonProperties.VERSION, "2.0.0")::get, "1.0.0");
        assertThat(folder.userConfig()).isEqualTo(Paths.get("/etc/pyro/config.yaml"));
        assertThat(folder.startConfig()).isEqualTo(Paths.get("/tmp/lab.yaml"));
        assertThat(folder.version()).isEqualTo("2.0.0");
    }

    @Test
    void aMissingDataFolderIsAnErrorNotTheTempFolder() {
        assertThatThrownBy(() -> DataFolder.from(Map.<String, String>of()::get, "1.0.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DaemonProperties.DATA).hasMessageContaining("pyrolab up");
        assertThatThrownBy(() -> DataFolder.from(Map.of(DaemonProperties.DATA, " ")::get, "1.0.0"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServiceNameNeverLeadsOutOfTheLogFolder() {
        DataFolder folder = DataFolder.from(Map.of(DaemonProperties.DATA, DATA.toString())::get, "1.0.0");
        for (String name : new String[] {"../x", "../../etc/passwd", "a/b", "x\0y"}) {
            assertThatThrownBy(() -> folder.serviceLog(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a plain file name");
        }
    }
}
