package org.pyrolab.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls:} is checked with its files when the configuration is read: each problem names the
 * key and the file, relative paths start at the configuration file's folder. (The good case, with
 * real certificates, is TlsIT's, and pyro5's PemTest's.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String tls) {
        String yaml = "daemons:\n  lab:\n    tls: " + tls + "\nnameservers:\n  ns:\n    tls: " + tls + "\n";
        ConfigReader.Result r = new ConfigReader(id -> Optional.empty()).read(dir.resolve("lab.yaml").toString(), "lab.yaml", yaml);
        return r.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void relativeFilesAreTakenFromTheConfigurationFolderAndReadAtOnce() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a certificate");

        assertThat(problems("{cert: notes.txt, key: missing.key}")).containsExactlyInAnyOrder(
                "lab.yaml:3: daemons.lab.tls.cert: " + dir.resolve("notes.txt") + " is not a PEM file (no -----BEGIN ...----- block)",
                "lab.yaml:3: daemons.lab.tls.key: " + dir.resolve("missing.key")
                        + " does not exist (`pyrolab tls init` makes a lab CA and certificates)",
                "lab.yaml:6: nameservers.ns.tls.cert: " + dir.resolve("notes.txt") + " is not a PEM file (no -----BEGIN ...----- block)",
                "lab.yaml:6: nameservers.ns.tls.key: " + dir.resolve("missing.key")
                        + " does not exist (`pyrolab tls init` makes a lab CA and certificates)");
    }

    @Test
    void incompleteSettingsSayWhatIsMissing() {
        assertThat(problems("{require_client_cert: true, cetr: x}")).anySatisfy(p -> assertThat(p).contains("daemons.lab.tls.cetr: unknown key; did you mean `cert`?"))
                .anySatisfy(p -> assertThat(p).contains("daemons.lab.tls: no `cert`; an endpoint with TLS needs its certificate and `key`"))
                .anySatisfy(p -> assertThat(p).contains("daemons.lab.tls.require_client_cert: needs `ca`"))
                .anySatisfy(p -> assertThat(p).contains("nameservers.ns.tls.require_client_cert: needs `ca`"))
                .noneSatisfy(p -> assertThat(p).contains("nameservers.ns.tls: no `cert`"));
    }
}
