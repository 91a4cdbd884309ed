package org.pyrolab.driver.scpi.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.pyrolab.driver.scpi.ScpiConnection;
import org.junit.jupiter.api.Timeout;

/** The simulator as the launcher runs it: its own JVM, only this bundle's classes on the class path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class B2900SimulatorMainTest {

    private static final Pattern LISTENING = Pattern.compile("B2900 simulator listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void runsAloneAndSaysWhereItListens() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes = Path.of(B2900Simulator.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(java, "-cp", classes, B2900Simulator.class.getName(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = LISTENING.matcher(String.valueOf(line));
            assertTrue(m.matches(), "first line: " + line);
            try (ScpiConnection scpi = new ScpiConnection("127.0.0.1", Integer.parseInt(m.group(1)),
                    Duration.ofSeconds(10), Duration.ofSeconds(10))) {
                assertEquals(B2900Simulator.IDENTITY, scpi.query("*IDN?"));
            }
            assertTrue(process.isAlive());
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
