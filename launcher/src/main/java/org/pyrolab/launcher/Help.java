package org.pyrolab.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command summary and per-command usage that {@code pyrolab help [CMD]} prints, daemon or not. */
final class Help {
    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        add("up", "[--force] [--config FILE] [--foreground]", "start the daemon and return once it answers",
                "--force       end a daemon that holds the lock but does not answer, then start\n"
                        + "--config FILE run from FILE instead of the user configuration (validated first)\n"
                        + "--foreground  stay in the foreground (for service managers); Ctrl-C stops it");
        add("down", "", "stop services, then the daemon; return when it has exited", "");
        add("status", "[--json]", "whether the daemon runs: pid, port, uptime, version, counts, heap, connections (exit 0 running, 3 not)", "");
        add("ps", "[--json]", "every service, endpoint and nameserver with its state", "");
        add("info", "[NAME] [--json]", "the configuration as the daemon holds it, or one entry", "");
        add("start", "NAME...", "start services (starts the daemon first if needed)", "");
        add("stop", "NAME...", "stop services", "");
        add("restart", "NAME...", "stop, then start services", "");
        add("reload", "", "apply the configuration file as a difference", "");
        add("config", "validate FILE | update FILE | show | export FILE | reset [--yes]", "check, install, print, copy or remove the user configuration", "");
        add("drivers", "[--json]", "the drivers installed bundles offer", "");
        add("install", "JAR", "copy a bundle into the deploy directory", "");
        add("uninstall", "BUNDLE", "remove a bundle from the deploy directory by its symbolic name", "");
        add("logs", "[NAME] [-f] [-n N] | export FILE | clean", "read, follow, export or clear logs", "");
        add("rename", "OLD NEW", "rename a configuration entry and every reference to it", "");
        add("call", "NAME METHOD [ARG...]", "call an exposed method of a running service (arguments as JSON)", "");
        add("simulate", "b2900 [--port N]", "run an instrument simulator in the foreground (no daemon needed)", "");
        add("nslist", "[--host H] [--port P] [--json]", "what a nameserver holds (default: this daemon's, else localhost:9090)", "");
        add("lock", "NAME", "hold a service's instrument lock as you, until `pyrolab unlock NAME`", "");
        add("unlock", "NAME [--force]", "release your lock on a service; --force breaks anyone's", "");
        add("autostart", "install [--at boot|login] [--print] | remove [--print] | status", "start the daemon at boot or log-in (systemd, cron, launchd, Task Scheduler)", "");
        add("shell", "", "an interactive Gogo shell inside the daemon; `exit` leaves it running", "");
        add("help", "[CMD]", "this summary, or one command's usage", "");
    }

    private Help() {
    }

    private static void add(String name, String args, String summary, String details) {
        COMMANDS.put(name, new String[] {args, summary, details});
    }

    static String summary() {
        StringBuilder text = new StringBuilder();
        text.append("usage: pyrolab [--home DIR] [--verbose] COMMAND [ARGS]\n")
                .append("       pyrolab --version | --data | help [CMD]\n\ncommands:\n");
        COMMANDS.forEach((name, info) -> text.append(String.format("  %-10s %s%n", name, info[1])));
        text.append("\nPYROLAB_HOME or --home DIR keeps every file under DIR. Exit codes: 0 done, 1 failed, 2 bad usage,"
                + " 3 daemon not running.\n");
        return text.toString();
    }

    /** The usage of one command, or null if there is no such command. */
    static String usage(String command) {
        String[] info = COMMANDS.get(command);
        if (info == null) {
            return null;
        }
        String text = "usage: pyrolab " + command + (info[0].isEmpty() ? "" : " " + info[0]) + "\n" + info[1] + "\n";
        return info[2].isEmpty() ? text : text + "\n" + info[2] + "\n";
    }

    static boolean isCommand(String name) {
        return COMMANDS.containsKey(name);
    }
}
