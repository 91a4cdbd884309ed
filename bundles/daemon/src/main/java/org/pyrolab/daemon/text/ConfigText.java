package org.pyrolab.daemon.text;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.pyrolab.api.dto.ProblemDTO;
import org.pyrolab.control.CommandFailure;

/** What {@code config validate}, {@code update}, {@code show} and {@code reset} print, with a daemon or without. */
public final class ConfigText {
    public static final String USAGE = "config validate FILE | update FILE | show | export FILE | reset [--yes]";

    private ConfigText() {
    }

    public static CommandFailure usage() {
        return CommandFailure.usage("usage: pyrolab " + USAGE);
    }

    /** {@code validate}: warnings are printed and pass; any error fails with every problem listed. */
    public static String validated(List<ProblemDTO> problems, Path file) {
        return verdict(problems, file + " is valid");
    }

    /** {@code update}: the same verdict; a running daemon applies the file at {@code reload}, a stopped one at {@code up}. */
    public static String installed(List<ProblemDTO> problems, Path file) {
        return verdict(problems, file + " is valid and is now the user configuration; `pyrolab reload` or the next `pyrolab up` applies it");
    }

    private static String verdict(List<ProblemDTO> problems, String verdict) {
        List<ProblemDTO> errors = problems.stream().filter(p -> p.error).collect(Collectors.toList());
        String all = problems.stream().map(p -> p.text).collect(Collectors.joining("\n"));
        if (!errors.isEmpty()) {
            throw new CommandFailure(errors.size() + " problem(s); nothing was changed:\n" + all);
        }
        return (all.isEmpty() ? "" : all + "\n") + "OK: " + verdict + ".";
    }

    /** {@code reset} without {@code --yes}. */
    public static CommandFailure resetUnconfirmed() {
        return new CommandFailure("`config reset` removes the user configuration file; run `pyrolab config reset --yes` to confirm");
    }

    /** {@code reset}: the file removed, or null when there was none. */
    public static String reset(Path removed) {
        return removed == null ? "There was no user configuration file." : "Removed " + removed + ".";
    }

    /**
     * {@code show} with a daemon: its running configuration. The first line says which
     * configuration this is; being a YAML comment, the output stays a usable configuration file.
     */
    public static String running(long pid, Path source, String text) {
        String from = source == null ? "no file (an empty configuration)" : source.toString();
        return "# the running configuration of the PyroLab daemon (pid " + pid + "), read from " + from + "\n" + text;
    }

    /** {@code show} without a daemon: the user configuration file's text, or null when there is no file. */
    public static String user(Path file, String text) {
        if (text == null) {
            return "# no daemon is running and there is no user configuration (" + file + " does not exist)\n";
        }
        return "# no daemon is running: the user configuration " + file + "\n" + text;
    }
}
