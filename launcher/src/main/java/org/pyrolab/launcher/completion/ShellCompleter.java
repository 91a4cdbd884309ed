package org.pyrolab.launcher.completion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab in {@code pyrolab shell} on a terminal: commands where a command goes (at the start, after
 * {@code |}, {@code ;}, {@code &&}, {@code ||}, {@code {} or {@code (}), then that command's
 * options, option values, sub-commands and configured names, from the same {@link CommandSyntax}
 * and {@link ConfiguredNames} as the bash, zsh and PowerShell completion scripts.
 */
public final class ShellCompleter implements Completer {
    /** Gogo's own commands a user types most; the shell runs them beside the pyrolab ones. */
    static final List<String> GOGO = List.of("lb", "echo", "grep", "cat", "each", "if", "set", "tac", "exit");
    private static final Set<String> COMMAND_STARTS = Set.of("|", ";", "&&", "||", "{", "(");

    private final Path configFile;
    private final Map<String, CommandSyntax> syntax;

    public ShellCompleter(Path configFile) {
        this.configFile = configFile;
        this.syntax = CommandSyntax.all().stream().collect(Collectors.toMap(CommandSyntax::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        words(line.words().subList(0, line.wordIndex())).forEach(word -> candidates.add(new Candidate(word)));
    }

    /** What may follow {@code before}, the words ahead of the one being completed; JLine keeps those matching what was typed. */
    List<String> words(List<String> before) {
        int start = 0;
        for (int i = 0; i < before.size(); i++) {
            if (COMMAND_STARTS.contains(before.get(i))) {
                start = i + 1;
            }
        }
        List<String> command = before.subList(start, before.size());
        Set<String> words = new LinkedHashSet<>();
        if (command.isEmpty()) {
            words.addAll(syntax.keySet());
            words.addAll(GOGO);
            return new ArrayList<>(words);
        }
        CommandSyntax cmd = syntax.get(command.get(0));
        if (cmd == null) {
            return List.of();
        }
        String previous = command.get(command.size() - 1);
        List<String> values = cmd.optionArgs().get(previous);
        if (values != null) { // the value of an option: its alternatives, or nothing to offer
            return values.equals(CommandSyntax.FILES) ? List.of() : values;
        }
        long arguments = command.stream().skip(1).filter(word -> !word.startsWith("-")).count();
        if (arguments == 0) {
            words.addAll(cmd.words());
        }
        if (cmd.names() == CommandSyntax.Names.ALL || cmd.names() == CommandSyntax.Names.FIRST && arguments == 0) {
            words.addAll(ConfiguredNames.of(configFile));
        }
        words.addAll(cmd.options());
        return new ArrayList<>(words);
    }
}
