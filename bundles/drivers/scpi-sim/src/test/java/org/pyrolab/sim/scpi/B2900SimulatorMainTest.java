package org.pyrolab.sim.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
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
            // a bare socket, not the driver's ScpiConnection: this module must not depend on the driver
            try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                socket.setSoTimeout(10_000);
                Writer request = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
                request.write("*IDN?\n");
                request.flush();
                BufferedReader reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertEquals(B2900Simulator.IDENTITY, reply.readLine());
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
