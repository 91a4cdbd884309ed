package org.pyrolab.launcher.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pyrolab.control.CommandHelp;

/**
 * What completion offers for one command, read from its usage in {@link CommandHelp} (for
 * example {@code logs [NAME] [-f] [-n N] | export FILE | clean}) so that completion and help
 * cannot drift apart: a new command, option or sub-command in the help is completed too.
 *
 * @param options     every option ({@code -f}, {@code --json})
 * @param optionArgs  the options that take a value, with the values to offer ({@link #FILES} for a
 *                    file name, empty for a free value such as a port)
 * @param words       the words offered as the first argument: sub-commands ({@code export}), or
 *                    every command for {@code help [CMD]}
 * @param names       where configured names (services, endpoints, nameservers) are offered
 * @param files       whether a later argument is a file ({@code FILE}, {@code JAR}, {@code DIR})
 */
public record CommandSyntax(String name, Set<String> options, Map<String, List<String>> optionArgs, Set<String> words,
        Names names, boolean files) {

    /** Where service names go: nowhere, as the first argument, or as every argument ({@code NAME...}). */
    public enum Names { NONE, FIRST, ALL }

    /** The value list of an option that takes a file or folder. */
    public static final List<String> FILES = List.of("<file>");

    /** Placeholders in the usage that stand for a configured name ({@code rename OLD NEW}: only OLD exists yet). */
    private static final Set<String> NAME_PLACEHOLDERS = Set.of("NAME", "OLD");
    private static final Set<String> FILE_PLACEHOLDERS = Set.of("FILE", "JAR", "DIR");
    private static final Pattern TOKEN = Pattern.compile("[\\[\\]|]|[^\\s\\[\\]|]+");

    /** Every command of {@link CommandHelp}, in its order. */
    public static List<CommandSyntax> all() {
        List<CommandSyntax> all = new ArrayList<>();
        CommandHelp.all().values().forEach(entry -> all.add(of(entry.name(), entry.args())));
        return all;
    }

    /** The general options ({@code --home}, {@code --version}, ...) from {@link CommandHelp#USAGE}. */
    public static Set<String> generalOptions() {
        return of("", CommandHelp.USAGE.replace("usage:", "").replace("pyrolab", "")).options();
    }

    static CommandSyntax of(String name, String usage) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(usage);
        while (m.find()) {
            tokens.add(m.group());
        }
        Set<String> options = new LinkedHashSet<>();
        Map<String, List<String>> optionArgs = new LinkedHashMap<>();
        Set<String> words = new LinkedHashSet<>();
        Names names = Names.NONE;
        boolean files = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.startsWith("-")) {
                options.add(token);
                List<String> values = new ArrayList<>();
                // an option's value: a placeholder (--port N), or alternatives (--at boot|login)
                while (i + 1 < tokens.size() && isValue(tokens.get(i + 1))) {
                    values.add(tokens.get(++i));
                    if (i + 1 < tokens.size() && tokens.get(i + 1).equals("|") && i + 2 < tokens.size()
                            && isWord(tokens.get(i + 2))) {
                        i++;
                    } else {
                        break;
                    }
                }
                if (!values.isEmpty()) {
                    optionArgs.put(token, values.size() == 1 && isPlaceholder(values.get(0))
                            ? (FILE_PLACEHOLDERS.contains(values.get(0)) ? FILES : List.of()) : values);
                }
            } else if (isPlaceholder(token)) {
                String bare = token.replace("...", "");
                if (NAME_PLACEHOLDERS.contains(bare) && names != Names.ALL) {
                    names = token.endsWith("...") ? Names.ALL : Names.FIRST;
                } else if (FILE_PLACEHOLDERS.contains(bare)) {
                    files = true;
                } else if (bare.equals("CMD")) {
                    words.addAll(CommandHelp.all().keySet());
                }
            } else if (isWord(token)) {
                words.add(token);
            }
        }
        return new CommandSyntax(name, options, optionArgs, words, names, files);
    }

    private static boolean isValue(String token) {
        return isPlaceholder(token) || isWord(token);
    }

    private static boolean isPlaceholder(String token) {
        return token.matches("[A-Z][A-Z0-9_]*(\\.\\.\\.)?");
    }

    private static boolean isWord(String token) {
        return token.matches("[a-z0-9][a-z0-9_.-]*");
    }
}
