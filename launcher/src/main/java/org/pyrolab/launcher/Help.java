package org.pyrolab.launcher;

import org.pyrolab.control.CommandHelp;

/**
 * The command summary and per-command usage that {@code pyrolab help [CMD]} prints, daemon or
 * not. The texts are {@link CommandHelp}'s, the same the shell's Gogo commands describe themselves with.
 */
final class Help {

    private Help() {
    }

    static String summary() {
        StringBuilder text = new StringBuilder();
        text.append(CommandHelp.USAGE).append("\ncommands:\n");
        CommandHelp.all().forEach((name, entry) -> text.append(String.format("  %-10s %s%n", name, entry.summary())));
        text.append("\nPYROLAB_HOME or --home DIR keeps every file under DIR. Exit codes: 0 done, 1 failed, 2 bad usage,"
                + " 3 daemon not running.\n");
        return text.toString();
    }

    /** The usage of one command, or null if there is no such command. */
    static String usage(String command) {
        CommandHelp.Entry entry = CommandHelp.of(command).orElse(null);
        if (entry == null) {
            return null;
        }
        String text = "usage: pyrolab " + command + (entry.args().isEmpty() ? "" : " " + entry.args()) + "\n" + entry.summary() + "\n";
        return entry.details().isEmpty() ? text : text + "\n" + entry.details() + "\n";
    }
}
