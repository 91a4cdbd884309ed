package org.pyrolab.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.pyrolab.control.OwnerOnlyFiles;
import org.pyrolab.launcher.completion.ShellCompleter;

/**
 * {@code pyrolab shell} with a terminal attached: JLine reads each line (editing with the arrow
 * keys, history in {@code <data>/shell.history}, Tab completion of commands, options and
 * configured names), the daemon runs it. The only class that touches JLine, and it is loaded only
 * for this, so other commands start without it.
 */
final class TerminalShell implements ControlClient.Keyboard {
    static final String HISTORY_FILE = "shell.history";
    /** The {@code config:} line of {@code status} (keys and values, one a line). */
    private static final Pattern CONFIG_LINE = Pattern.compile("(?m)^\\s+config:\\s+(.+)$");

    private final Terminal terminal;
    private final LineReader reader;

    private TerminalShell(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /** Runs the shell on this process's terminal; returns its exit status. */
    static int run(ControlClient client, Folders folders, boolean verbose, PrintStream out, PrintStream err) throws IOException {
        Path history = folders.data.resolve(HISTORY_FILE);
        OwnerOnlyFiles.restrictFile(history); // what was typed: readable by the owner only
        Terminal opened;
        try {
            // exec: stty for the terminal's modes, no native code (JNI, FFM) needed on Java 17
            opened = TerminalBuilder.builder().system(true).provider("exec").nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
        } catch (IOException | RuntimeException e) {
            // no stty (Windows' console): the shell still works, as for piped input, without editing
            return client.run(java.util.List.of(), true, verbose, System.in, out, err, 0);
        }
        try (Terminal terminal = opened) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("pyrolab")
                    .completer(new ShellCompleter(runningConfig(client).orElse(folders.configFile())))
                    .variable(LineReader.HISTORY_FILE, history)
                    .variable(LineReader.HISTORY_SIZE, 1000)
                    .variable(LineReader.HISTORY_FILE_SIZE, 1000)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // `!` means itself to Gogo
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .build();
            try {
                return client.terminal(verbose, new TerminalShell(terminal, reader), out, err);
            } finally {
                reader.getHistory().save();
            }
        }
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C at the prompt drops the line, as in other shells, and asks again
            } catch (EndOfFileException e) {
                terminal.writer().println();
                terminal.writer().flush();
                return null;
            }
        }
    }

    @Override
    public void onInterrupt(Runnable action) {
        terminal.handle(Terminal.Signal.INT, signal -> action.run());
    }

    /**
     * The file the daemon runs from ({@code up --config FILE}, or the user's), whose names Tab
     * offers; empty when the daemon does not say within a moment (then the user's file serves).
     */
    static Optional<Path> runningConfig(ControlClient client) {
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            if (client.run(List.of("status"), false, false, null, new PrintStream(status, true, StandardCharsets.UTF_8), quiet, 2000) != 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return configLine(status.toString(StandardCharsets.UTF_8)).map(Path::of);
    }

    static Optional<String> configLine(String status) {
        Matcher m = CONFIG_LINE.matcher(status);
        return m.find() && !m.group(1).equals("(none)") ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
}
