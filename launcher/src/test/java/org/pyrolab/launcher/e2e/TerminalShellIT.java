package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code pyrolab shell} in a real pseudo-terminal (Python's {@code pty}, driven by
 * {@code pty_shell.py}): a typed command, editing with the arrow keys, history across shells,
 * Tab completion of a configured name, Ctrl-C ending {@code logs -f} but not the shell or the
 * daemon, Ctrl-D leaving with 0. Every wait is for output, with a time limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TerminalShellIT {
    /** Keys as a terminal in application cursor mode (which JLine switches on) sends them. */
    static final String LEFT = "\u001bOD";
    static final String RIGHT = "\u001bOC";
    static final String UP = "\u001bOA";
    static final String BACKSPACE = "\u007f";
    static final String CTRL_C = "\u0003";
    static final String CTRL_D = "\u0004";
    static final String PROMPT = "pyrolab> $";

    private Pyrolab pyrolab;
    private long daemon;

    @BeforeAll
    void up() throws Exception {
        pyrolab = new Pyrolab();
        // not the user's configuration file: Tab must offer the names of the file the daemon runs from
        daemon = pyrolab.up("--config", Lab.write(pyrolab.root.resolve("lab.yaml"), GogoShellIT.CONFIG).toString());
    }

    @AfterAll
    void down() throws Exception {
        pyrolab.close();
    }

    /** The steps of one terminal session, run by pty_shell.py; fails with what the terminal showed. */
    private final class Session {
        private final List<String> steps = new ArrayList<>();

        Session send(String keys) {
            steps.add("{\"send\": " + json(keys) + "}");
            return this;
        }

        Session expect(String regex) {
            steps.add("{\"expect\": " + json(regex) + "}");
            return this;
        }

        Session exit(int code) {
            steps.add("{\"exit\": " + code + "}");
            return this;
        }

        String run() throws IOException, InterruptedException {
            Path script = pyrolab.root.resolve("pty_shell.py");
            if (Files.notExists(script)) {
                try (InputStream in = TerminalShellIT.class.getResourceAsStream("/pty_shell.py")) {
                    Files.copy(in, script);
                }
            }
            Path stepsFile = Files.createTempFile(pyrolab.root, "steps", ".jsonl");
            Files.writeString(stepsFile, String.join("\n", steps) + "\n");
            ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), Pyrolab.INSTALLATION.resolve("bin/pyrolab").toString(),
                    stepsFile.toString()).redirectErrorStream(true).directory(pyrolab.root.toFile());
            builder.environment().put("PYROLAB_HOME", pyrolab.home.toString());
            builder.environment().put("PYROLAB_ALLOW_ROOT", "1");
            Process process = builder.start();
            process.getOutputStream().close();
            String[] output = new String[1];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    output[0] = e.toString();
                }
            });
            reader.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            reader.join(10_000);
            System.out.println(output[0]); // in the failsafe report
            assertThat(process.exitValue()).as("the terminal session:\n%s", output[0]).isZero();
            return output[0];
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Test
    void aTypedCommandRunsAndArrowKeysEditTheLine() throws Exception {
        new Session().expect(PROMPT)
                .send("echo typed-at-a-terminal\r").expect("\ntyped-at-a-terminal\r?\n").expect(PROMPT)
                // `stauts`: two Left, Backspace drops the u, Right over the t, u typed there: `status`
                .send("stauts").send(LEFT + LEFT + BACKSPACE + RIGHT + "u").send("\r")
                .expect("PyroLab daemon is running").expect("pid: +" + daemon).expect(PROMPT)
                .send(CTRL_D).exit(0)
                .run();
    }

    @Test
    void historyIsKeptForTheNextShellOwnerOnly() throws Exception {
        new Session().expect(PROMPT).send("echo remembered-line\r").expect(PROMPT).send(CTRL_D).exit(0).run();
        Path history = pyrolab.home.resolve("shell.history");
        assertThat(Files.readString(history)).contains("echo remembered-line");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");

        new Session().expect(PROMPT).send(UP).expect("echo remembered-line").send("\r")
                .expect("\nremembered-line\r?\n").expect(PROMPT).send(CTRL_D).exit(0)
                .run();
    }

    @Test
    void tabCompletesAConfiguredServiceName() throws Exception {
        new Session().expect(PROMPT)
                .send("info demo.la\t").expect("info demo\\.laser ")
                .send("\r").expect("demo\\.laser").expect(PROMPT)
                .send(CTRL_D).exit(0)
                .run();
    }

    @Test
    void ctrlCEndsLogsFollowButNotTheShellNorTheDaemon() throws Exception {
        new Session().expect(PROMPT)
                .send("logs -f\r").expect("daemon ready")
                .send(CTRL_C).expect(PROMPT)
                .send("status\r").expect("PyroLab daemon is running").expect(PROMPT)
                .send(CTRL_D).exit(0)
                .run();
        assertThat(pyrolab.lock().orElseThrow().pid).isEqualTo(daemon);
        assertThat(Lab.ok(pyrolab, "status").out).contains("pid:          " + daemon);
    }

    @Test
    void ctrlCAtThePromptDropsTheLineAndExitLeaves() throws Exception {
        new Session().expect(PROMPT)
                .send("echo never-run").send(CTRL_C).expect(PROMPT)
                .send("exit\r").exit(0)
                .run();
    }
}
