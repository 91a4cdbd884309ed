package org.pyrolab.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place each {@code pyrolab} command's help is written. The launcher prints it for
 * {@code pyrolab help [CMD]} (with or without a daemon); the shell's Gogo commands name the same
 * constants in their {@code @Descriptor}s, so {@code help} inside {@code pyrolab shell} says the
 * same. Annotation values must be compile-time constants, hence one constant per summary.
 */
public final class CommandHelp {
    /** The general usage lines; shell completion takes the general options from here too. */
    public static final String USAGE = "usage: pyrolab [--home DIR] [--verbose] COMMAND [ARGS]\n"
            + "       pyrolab --version | --data | help [CMD]\n";
    public static final String UP = "start the daemon and return once it answers";
    public static final String DOWN = "stop services, then the daemon; return when it has exited";
    public static final String STATUS = "whether the daemon runs: pid, port, uptime, version, counts, heap, connections (exit 0 running, 3 not)";
    public static final String AUTOLAUNCH = "wait until the autolaunched services have settled and list those not running (what `up` prints)";
    public static final String PS = "every service, endpoint and nameserver with its state";
    public static final String INFO = "the configuration as the daemon holds it, or one entry";
    public static final String START = "start services (starts the daemon first if needed)";
    public static final String STOP = "stop services";
    public static final String RESTART = "stop, then start services";
    public static final String RELOAD = "apply the configuration file as a difference";
    public static final String CONFIG = "check, install, print, copy or remove the user configuration (all but export work without a daemon)";
    public static final String DRIVERS = "the drivers the deploy directory offers, and the files in it that do not run (no daemon needed)";
    public static final String INSTALL = "copy a bundle into the deploy directory";
    public static final String UNINSTALL = "remove a bundle from the deploy directory by its symbolic name";
    public static final String LOGS = "read, follow, export or clear logs (no daemon needed)";
    public static final String RENAME = "rename a configuration entry and every reference to it";
    public static final String CALL = "call an exposed method of a running service (arguments as JSON)";
    public static final String SIMULATE = "run an instrument simulator in the foreground (no daemon needed)";
    public static final String NSLIST = "what a nameserver holds (default: this daemon's, else localhost:9090)";
    public static final String LOCK = "hold a service's instrument lock as you, until `pyrolab unlock NAME`";
    public static final String UNLOCK = "release your lock on a service; --force breaks anyone's";
    public static final String WEB = "print a one-time link to the daemon's web page (`web: on` in the configuration); --open opens it";
    public static final String AUTOSTART = "start the daemon at boot or log-in (systemd, cron, launchd, Task Scheduler)";
    public static final String TLS = "make a lab CA and certificates for TLS endpoints and nameservers (no daemon needed)";
    public static final String SHELL = "a Gogo shell inside the daemon, or run a Gogo script there; `exit` leaves it running";
    public static final String COMPLETION = "print a shell completion script for bash, zsh or PowerShell (no daemon needed)";
    public static final String HELP = "this summary, or one command's usage";

    /** One command: its arguments (empty for none), one-line summary and further lines (empty for none). */
    public record Entry(String name, String args, String summary, String details) {
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        add("up", "[--force] [--config FILE] [--foreground]", UP,
                "--force       end a daemon that holds the lock but does not answer, then start\n"
                        + "--config FILE run from FILE instead of the user configuration (validated first)\n"
                        + "--foreground  stay in the foreground (for service managers); Ctrl-C stops it");
        add("down", "", DOWN, "");
        add("status", "[--json]", STATUS, "");
        add("autolaunch", "", AUTOLAUNCH, "");
        add("ps", "[--json]", PS, "");
        add("info", "[NAME] [--json]", INFO, "");
        add("start", "NAME...", START, "");
        add("stop", "NAME...", STOP, "");
        add("restart", "NAME...", RESTART, "");
        add("reload", "", RELOAD, "");
        add("config", "validate FILE | update FILE | show | export FILE | reset [--yes]", CONFIG, "");
        add("drivers", "[--json]", DRIVERS, "");
        add("install", "JAR", INSTALL, "");
        add("uninstall", "BUNDLE", UNINSTALL, "");
        add("logs", "[NAME] [-f] [-n N] | export FILE | clean", LOGS, "");
        add("rename", "OLD NEW", RENAME, "");
        add("call", "NAME METHOD [ARG...]", CALL, "");
        add("simulate", "b2900 [--port N]", SIMULATE, "");
        add("nslist", "[--host H] [--port P] [--json]", NSLIST, "");
        add("lock", "NAME", LOCK, "");
        add("unlock", "NAME [--force]", UNLOCK, "");
        add("web", "[--open]", WEB, "--open  open the link in this computer's browser too\n"
                + "the link works once, within 5 minutes; it signs the browser in with a session cookie (docs/web.md)");
        add("autostart", "install [--at boot|login] [--print] | remove [--print] | status", AUTOSTART, "");
        add("tls", "init [--host NAME]... [--client NAME]... [--dir DIR] [--force]", TLS,
                "--host NAME   another name or address this computer is reached by (its own names and addresses are in already)\n"
                        + "--client NAME a client certificate NAME for two-way TLS (require_client_cert)\n"
                        + "--dir DIR     where the files go (default: <data>/tls)\n"
                        + "--force       make a new CA even where one exists (every certificate it signed stops working)");
        add("shell", "[-c LINE | FILE]", SHELL,
                "-c LINE  run one line and exit with its status\n"
                        + "FILE     run a Gogo script; the first failing line stops it and is named");
        add("completion", "bash|zsh|powershell", COMPLETION, "");
        add("help", "[CMD]", HELP, "");
    }

    private CommandHelp() {
    }

    private static void add(String name, String args, String summary, String details) {
        COMMANDS.put(name, new Entry(name, args, summary, details));
    }

    /** Every command in the order {@code pyrolab help} lists them. */
    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(COMMANDS);
    }

    public static Optional<Entry> of(String command) {
        return Optional.ofNullable(COMMANDS.get(command));
    }
}
