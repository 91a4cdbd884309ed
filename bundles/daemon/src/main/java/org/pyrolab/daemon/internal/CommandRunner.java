package org.pyrolab.daemon.internal;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Job;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.control.ExitCode;

/**
 * Runs what a control client asked for in a Gogo session whose output streams back to it:
 * one {@code pyrolab:*} command, or an interactive shell. Turns the outcome into an exit status
 * and one sentence on stderr; stack traces only for {@code --verbose}.
 */
final class CommandRunner {
    /** Session variable holding the client's working directory, for relative file arguments. */
    static final String CWD = "PYROLAB_CWD";
    /** A lab procedure is a page or two; this only bounds what one connection makes the daemon hold. */
    static final int MAX_SCRIPT = 1024 * 1024;
    static final String PROMPT = "pyrolab> ";
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z0-9]*");

    private final CommandProcessor processor;
    private final DataOutputStream channel;
    private final Hello hello;
    private final PrintStream out;
    private final PrintStream err;
    /** The session running now, so that {@link #cancel()} can end it from the connection's watcher. */
    private CommandSession session;
    private boolean cancelled;
    /** Set by {@link #interrupt()}: the running command's failure is the user's Ctrl-C, not an error. */
    private volatile boolean interrupted;

    CommandRunner(CommandProcessor processor, DataOutputStream channel, Hello hello) {
        this.processor = processor;
        this.channel = channel;
        this.hello = hello;
        this.out = new PrintStream(ControlChannel.frameStream(channel, ControlChannel.STDOUT), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(ControlChannel.frameStream(channel, ControlChannel.STDERR), true, StandardCharsets.UTF_8);
    }

    void runOnce() throws IOException {
        int code;
        try (CommandSession session = open(InputStream.nullInputStream())) {
            code = execute(session, commandLine(session, hello.args));
        } catch (CommandFailure e) {
            code = report(e, "");
        }
        synchronized (channel) {
            ControlChannel.writeExit(channel, code);
        }
    }

    /**
     * The interactive shell. With piped input ({@code terminal} false) the prompt is text on
     * stdout; for a terminal ({@code shell --terminal}) it is a {@link ControlChannel#PROMPT}
     * frame, which tells the client's line editor that the previous line has run.
     */
    void shell(InputStream stdin, boolean terminal) throws IOException {
        try (CommandSession session = open(stdin)) {
            out.println("PyroLab shell: pyrolab commands by name (ps, start NAME, ...), Gogo's too (lb, help)."
                    + (terminal ? " Tab completes, Ctrl-C interrupts a command, Ctrl-D or `exit` leaves the shell;"
                            : " `exit` leaves the shell;")
                    + " the daemon keeps running.");
            BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            while (true) {
                if (terminal) {
                    out.flush();
                    byte[] prompt = PROMPT.getBytes(StandardCharsets.UTF_8);
                    synchronized (channel) {
                        ControlChannel.writeFrame(channel, ControlChannel.PROMPT, prompt, 0, prompt.length);
                    }
                } else {
                    out.print(PROMPT);
                    out.flush();
                }
                String line = lines.readLine();
                if (line == null || line.trim().equals("exit")) {
                    break;
                }
                if (!line.isBlank()) {
                    execute(session, line);
                }
            }
        }
        synchronized (channel) {
            ControlChannel.writeExit(channel, ExitCode.OK);
        }
    }

    /**
     * Runs a script sent as input ({@code shell -c LINE}, {@code shell FILE}) in one session, one
     * top-level statement at a time, so that a failure can name its line and stops the rest.
     * Gogo's parser splits it, so a closure spread over lines stays one statement.
     */
    void script(String name, InputStream text) throws IOException {
        int code = ExitCode.OK;
        byte[] bytes = text.readNBytes(MAX_SCRIPT + 1);
        String source = new String(bytes, StandardCharsets.UTF_8);
        try (CommandSession session = open(InputStream.nullInputStream())) {
            // the bound is on bytes: counted in characters, a long script of non-ASCII text would pass cut short
            if (bytes.length > MAX_SCRIPT) {
                throw CommandFailure.usage("the script " + name + " is over " + MAX_SCRIPT / 1024 + " KiB");
            }
            List<CharSequence> steps = ScriptSteps.of(source, new Parser(source).program().tokens());
            for (CharSequence step : steps) {
                code = execute(session, step, ScriptSteps.where(name, step));
                if (code != ExitCode.OK) {
                    break;
                }
            }
        } catch (CommandFailure e) {
            code = report(e, "");
        } catch (SyntaxError e) {
            code = report(CommandFailure.usage(e.getMessage()), ScriptSteps.where(name, e.line()) + ": ");
        }
        synchronized (channel) {
            ControlChannel.writeExit(channel, code);
        }
    }

    private CommandSession open(InputStream stdin) {
        CommandSession created = processor.createSession(stdin, out, err);
        created.put("SCOPE", "pyrolab:*");
        created.put(CWD, hello.cwd);
        synchronized (this) {
            session = created;
            if (cancelled) {
                created.close(); // the client left before the command began
            }
        }
        return created;
    }

    /**
     * The client has gone: closes the session, which interrupts the threads Gogo runs the
     * command on (a {@code logs -f} waiting for lines ends at once), so the slot comes free.
     */
    void cancel() {
        CommandSession running;
        synchronized (this) {
            cancelled = true;
            running = session;
        }
        if (running != null) {
            running.close();
        }
    }

    /**
     * Ctrl-C in the client's terminal: interrupts the command the shell runs now (Gogo's
     * foreground job, the threads of its pipeline), so a {@code logs -f} ends and the shell reads
     * its next line. The session stays open. Harmless when no command runs or no session exists.
     */
    void interrupt() {
        CommandSession running;
        synchronized (this) {
            running = session;
        }
        if (running == null) {
            return;
        }
        try {
            Job job = running.foregroundJob();
            if (job != null) {
                interrupted = true;
                job.interrupt();
            }
        } catch (RuntimeException e) {
            // the job ended meanwhile, or the session was closed: nothing to interrupt
        }
    }

    /** {@code pyrolab:NAME $a1 $a2 ...}: the arguments travel as variables, so no quoting can change their meaning. */
    private static String commandLine(CommandSession session, List<String> args) {
        String name = args.get(0);
        if (!COMMAND_NAME.matcher(name).matches()) {
            throw CommandFailure.usage("there is no command `" + name + "`; run `pyrolab help` for the list");
        }
        StringBuilder line = new StringBuilder("pyrolab:").append(name);
        for (int i = 1; i < args.size(); i++) {
            session.put("pyrolab_arg" + i, args.get(i));
            line.append(" $pyrolab_arg").append(i);
        }
        return line.toString();
    }

    private int execute(CommandSession session, CharSequence line) {
        return execute(session, line, "");
    }

    /** Runs one line or statement and prints its result; a failure is reported with {@code where} before it. */
    private int execute(CommandSession session, CharSequence line, String where) {
        interrupted = false;
        try {
            Object result = session.execute(line);
            if (quiet(line, result)) {
                return ExitCode.OK;
            }
            if (result != null) {
                // a list is formatted one item a line, already ending in a new line
                String text = result instanceof CharSequence ? result.toString() : session.format(result, Converter.INSPECT).toString();
                out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            }
            return ExitCode.OK;
        } catch (Exception e) {
            if (interrupted) {
                out.println(); // Ctrl-C: the terminal has echoed ^C; the prompt follows on a line of its own
                return ExitCode.FAILED;
            }
            return report(e, where);
        } finally {
            out.flush();
        }
    }

    /**
     * Results not worth a line: Gogo's builtins answer {@code true}/{@code false} ({@code grep})
     * or a list of nothing ({@code each} over commands that print), and an assignment's value
     * was just written by the user.
     */
    private static boolean quiet(CharSequence line, Object result) {
        return result instanceof Boolean
                || result instanceof Collection<?> values && !values.isEmpty() && values.stream().allMatch(v -> v == null)
                || line instanceof Parser.Statement statement && statement.tokens().size() > 1 && statement.tokens().get(1).toString().equals("=");
    }

    private int report(Exception e, String where) {
        int code = ExitCode.FAILED;
        String message = e.getMessage();
        if (e instanceof CommandFailure) {
            code = ((CommandFailure) e).exitCode();
        } else if (e.getClass().getSimpleName().equals("CommandNotFoundException")) {
            code = ExitCode.USAGE;
            message = "there is no command `" + commandName(e) + "`; run `pyrolab help` for the list";
        } else if (message != null && message.startsWith("Cannot coerce")) {
            code = ExitCode.USAGE;
            message = "wrong arguments: " + message + "; run `pyrolab help` for the usage";
        } else if (e instanceof InterruptedException) {
            // not Ctrl-C (that sets `interrupted` first): the control server's threads are stopped with the daemon
            message = "interrupted: the daemon is stopping";
        } else if (message == null) {
            message = e.toString();
        }
        err.println("pyrolab: " + where + message);
        if (hello.verbose) {
            e.printStackTrace(err);
        }
        return code;
    }

    private static String commandName(Exception e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.lastIndexOf(':');
        return colon >= 0 ? message.substring(colon + 1).trim() : message;
    }

}
