package org.pyrolab.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pyrolab.control.ExitCode;
import org.pyrolab.control.LockFile;
import org.pyrolab.launcher.autostart.AutostartCommand;

/**
 * The {@code pyrolab} command. {@code up}, {@code help}, {@code --version}, {@code --data} and the
 * daemon-free commands ({@code simulate}, {@code autostart}, {@code tls}, {@code completion}) run here; every other command is sent to the running daemon and runs there as a Gogo
 * {@code pyrolab:*} command. {@code config validate|update|show|reset}, {@code logs} and
 * {@code drivers} go to the daemon when one runs and run here, on the daemon's code
 * ({@link DaemonFreeCommands}), when none does.
 */
public final class Main {
    /** How long {@code down} waits for the daemon's process to exit. */
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final PrintStream out;
    private final PrintStream err;
    private boolean verbose;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    int run(String[] argv) {
        List<String> args = new ArrayList<>(List.of(argv));
        verbose = args.remove("--verbose");
        String home = null;
        try {
            while (!args.isEmpty() && args.get(0).startsWith("-")) {
                String option = args.remove(0);
                switch (option) {
                    case "--home":
                        if (args.isEmpty()) {
                            throw new LauncherException(ExitCode.USAGE, "--home needs a folder: pyrolab --home DIR COMMAND");
                        }
                        home = args.remove(0);
                        break;
                    case "--version":
                        out.println("pyrolab " + Installation.version());
                        return ExitCode.OK;
                    case "--data":
                        out.println(folders(home).data);
                        return ExitCode.OK;
                    case "-h":
                    case "--help":
                        out.print(Help.summary());
                        return ExitCode.OK;
                    default:
                        throw new LauncherException(ExitCode.USAGE, "unknown option " + option + "; run `pyrolab help`");
                }
            }
            if (args.isEmpty()) {
                out.print(Help.summary());
                return ExitCode.OK;
            }
            return dispatch(folders(home), args);
        } catch (LauncherException e) {
            err.println("pyrolab: " + e.getMessage());
            return e.exitCode;
        } catch (org.pyrolab.launcher.tls.TlsCommand.UsageException e) {
            err.println("pyrolab: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("pyrolab: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED;
        }
    }

    private int dispatch(Folders folders, List<String> args) throws IOException, InterruptedException {
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "help":
                return help(rest);
            case "up":
                return up(folders, new UpOptions(rest));
            case "autostart":
                // a one-folder home (PYROLAB_HOME, --home) must be passed on to the boot entry
                Path home = folders.config.equals(folders.data) ? folders.data : null;
                return AutostartCommand.run(Installation.locate().root, home, rest, out, err);
            case "tls":
                // certificates are made here, in the command's JVM: no daemon needed
                return org.pyrolab.launcher.tls.TlsCommand.run(folders.data, rest, out);
            case "completion":
                // a completion must work with no daemon and before the first `up`: read files only
                return org.pyrolab.launcher.completion.CompletionCommand.run(folders.configFile(), rest, out, err);
            case "simulate":
                return Simulators.run(Installation.locate(), rest);
            case "shell":
                return shell(folders, rest);
            case "web":
                return web(folders, args);
            case "down":
                return down(folders, args);
            case "config":
            case "logs":
            case "drivers":
                if (DaemonFreeCommands.handles(args) && !daemonRuns(folders)) {
                    // read the files here; a running daemon answers itself (it knows what it runs and what its bundles do)
                    return DaemonFreeCommands.run(Installation.locate(), folders, args, out, err, verbose);
                }
                return send(folders, args);
            case "start":
                if (LockFile.read(folders.data).flatMap(l -> DaemonProcess.of(l.pid)).isEmpty()) {
                    // the daemon starts automatically when the first service is started
                    int started = up(folders, new UpOptions(List.of()));
                    if (started != ExitCode.OK) {
                        return started;
                    }
                }
                return send(folders, args);
            default:
                return send(folders, args);
        }
    }

    private int help(List<String> rest) {
        if (rest.isEmpty()) {
            out.print(Help.summary());
            return ExitCode.OK;
        }
        String usage = Help.usage(rest.get(0));
        if (usage == null) {
            throw new LauncherException(ExitCode.USAGE, "there is no command `" + rest.get(0) + "`; run `pyrolab help` for the list");
        }
        out.print(usage);
        return ExitCode.OK;
    }

    private int up(Folders folders, UpOptions options) throws IOException, InterruptedException {
        if (options.config != null && !Files.isRegularFile(options.config)) {
            throw new LauncherException("the configuration file " + options.config + " does not exist; give the path of a YAML or JSON file");
        }
        if (options.foreground) {
            folders.ensureWritable();
            return DaemonMain.runInForeground(folders, options.config, verbose);
        }
        RootWarning.message(System.getenv()).ifPresent(w -> err.println("pyrolab: warning: " + w));
        LockFile lock = new DaemonStarter(folders, Installation.locate(), out).up(options.force, options.config, verbose);
        out.println("PyroLab daemon started (pid " + lock.pid + ", control port " + lock.port + ").");
        return autolaunchReport(folders, lock);
    }

    /** What autolaunch came to: which listed services are not running, and why. */
    private int autolaunchReport(Folders folders, LockFile lock) throws IOException {
        return new ControlClient(folders.data, lock).run(List.of("autolaunch"), false, verbose, null, out, err, 0);
    }

    /** Sends {@code down}, then waits until the daemon's process is gone: a following {@code up} must find the way clear. */
    private int down(Folders folders, List<String> args) throws IOException, InterruptedException {
        ControlClient client = daemon(folders);
        Optional<DaemonProcess> process = DaemonProcess.of(client.pid());
        int code = send(client, args);
        if (code != ExitCode.OK || process.isEmpty()) {
            return code;
        }
        if (!process.get().waitForExit(STOP_TIMEOUT_MS)) {
            throw new LauncherException("PyroLab daemon (pid " + client.pid() + ") is still stopping after " + STOP_TIMEOUT_MS / 1000
                    + " s; run `pyrolab status` later, or see " + folders.logs().resolve(DaemonLog.FILE + ".0"));
        }
        out.println("PyroLab daemon stopped.");
        return ExitCode.OK;
    }

    /** Runs a command in the daemon; exit 3 with advice when none runs. */
    private int send(Folders folders, List<String> args) throws IOException {
        return send(daemon(folders), args);
    }

    private int send(ControlClient client, List<String> args) throws IOException {
        return send(client, args, out);
    }

    private int send(ControlClient client, List<String> args, PrintStream to) throws IOException {
        try {
            return client.run(args, false, verbose, null, to, err, 0);
        } catch (ConnectException e) {
            throw new LauncherException(ExitCode.NOT_RUNNING, "PyroLab daemon is not answering on its control port;"
                    + " if it is hung, run `pyrolab up --force`");
        }
    }

    /** {@code web [--open]}: the daemon prints the link; with {@code --open} it is opened here, on the user's side. */
    private int web(Folders folders, List<String> args) throws IOException {
        if (!args.contains("--open")) {
            return send(folders, args);
        }
        ControlClient client = daemon(folders);
        return Browser.openPrinted(to -> send(client, args, to), out);
    }

    /**
     * {@code shell}: on a terminal, lines edited with JLine ({@link TerminalShell}), otherwise the
     * input forwarded as it comes; {@code shell -c LINE} and {@code shell FILE}
     * send the script's text as the shell's input, with {@code --script NAME} so the daemon runs it
     * as one script (stops at the first failing statement) instead of prompting.
     */
    private int shell(Folders folders, List<String> rest) throws IOException {
        if (rest.isEmpty()) {
            ControlClient client = daemon(folders);
            if (System.console() != null) { // both stdin and stdout are a terminal: edit lines there
                return TerminalShell.run(client, folders, verbose, out, err);
            }
            return client.run(List.of(), true, verbose, System.in, out, err, 0);
        }
        String name;
        byte[] text;
        if (rest.size() == 2 && rest.get(0).equals("-c")) {
            name = "-c";
            text = rest.get(1).getBytes(StandardCharsets.UTF_8);
        } else if (rest.size() == 1 && !rest.get(0).startsWith("-")) {
            name = rest.get(0);
            try {
                text = Files.readAllBytes(Path.of(name)); // read here: the daemon may not see the client's files
            } catch (IOException e) {
                throw new LauncherException(ExitCode.USAGE, "cannot read the script " + name + ": " + e.getMessage());
            }
        } else {
            throw new LauncherException(ExitCode.USAGE, "usage: pyrolab shell [-c LINE | FILE]");
        }
        ControlClient client = daemon(folders);
        return client.run(List.of("shell", "--script", name), true, verbose, new java.io.ByteArrayInputStream(text), out, err, 0);
    }

    private ControlClient daemon(Folders folders) {
        Optional<LockFile> lock = runningDaemon(folders);
        if (lock.isEmpty()) {
            throw new LauncherException(ExitCode.NOT_RUNNING, "PyroLab daemon is not running; start it with `pyrolab up`");
        }
        return new ControlClient(folders.data, lock.get());
    }

    /** The lockfile of this home's daemon, when one runs: a live process and a control token. */
    private static Optional<LockFile> runningDaemon(Folders folders) {
        Optional<LockFile> lock = LockFile.read(folders.data).filter(l -> DaemonProcess.of(l.pid).isPresent());
        return lock.isPresent() && Files.exists(folders.data.resolve(org.pyrolab.control.ControlChannel.TOKEN_FILE)) ? lock : Optional.empty();
    }

    private static boolean daemonRuns(Folders folders) {
        return runningDaemon(folders).isPresent();
    }

    private static Folders folders(String home) {
        return Folders.resolve(home, System.getenv(), System.getProperty("os.name"), Paths.get(System.getProperty("user.home")));
    }

    /** The options of {@code up}. */
    static final class UpOptions {
        boolean force;
        boolean foreground;
        Path config;

        UpOptions(List<String> args) {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--force":
                        force = true;
                        break;
                    case "--foreground":
                        foreground = true;
                        break;
                    case "--config":
                        if (i + 1 >= args.size()) {
                            throw new LauncherException(ExitCode.USAGE, "--config needs a file: pyrolab up --config FILE");
                        }
                        config = Paths.get(args.get(++i)).toAbsolutePath().normalize();
                        break;
                    default:
                        throw new LauncherException(ExitCode.USAGE, "`up` does not take " + args.get(i) + "; usage: pyrolab up [--force] [--config FILE] [--foreground]");
                }
            }
        }
    }
}
