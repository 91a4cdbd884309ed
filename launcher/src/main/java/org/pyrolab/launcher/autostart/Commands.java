package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;

/** Runs the service managers' tools (systemctl, launchctl, schtasks); tests substitute a recorder. */
public interface Commands {
    /** One finished command: exit status and its output (stdout and stderr together). */
    final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }

    Result run(List<String> command, String input) throws IOException;

    /** Real processes; the user can answer a prompt (schtasks asks for the password) on the terminal. */
    final class Processes implements Commands {
        @Override
        public Result run(List<String> command, String input) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new Result(127, command.get(0) + " was not found");
            }
            if (input != null) {
                try (var in = process.getOutputStream()) {
                    in.write(input.getBytes(Charset.defaultCharset()));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset());
            try {
                return new Result(process.waitFor(), output);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
        }
    }
}
