package org.pyrolab.launcher.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.CommandHelp;
import org.pyrolab.control.ExitCode;

/** Every script offers every command and option that {@link CommandHelp} documents: they cannot drift. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CompletionScriptsTest {
    private static final Map<String, Function<List<CommandSyntax>, String>> SCRIPTS = Map.of(
            "bash", BashScript::render, "zsh", ZshScript::render, "powershell", PowerShellScript::render);

    @Test
    void theUsagesAreReadAsTheHelpMeansThem() {
        CommandSyntax logs = CommandSyntax.of("logs", "[NAME] [-f] [-n N] | export FILE | clean");
        assertThat(logs.options()).containsExactly("-f", "-n");
        assertThat(logs.optionArgs()).containsOnlyKeys("-n");
        assertThat(logs.words()).containsExactly("export", "clean");
        assertThat(logs.names()).isEqualTo(CommandSyntax.Names.FIRST);
        assertThat(logs.files()).isTrue();

        CommandSyntax autostart = CommandSyntax.of("autostart", "install [--at boot|login] [--print] | remove [--print] | status");
        assertThat(autostart.optionArgs()).containsEntry("--at", List.of("boot", "login"));
        assertThat(autostart.words()).containsExactly("install", "remove", "status");

        assertThat(CommandSyntax.of("start", "NAME...").names()).isEqualTo(CommandSyntax.Names.ALL);
        assertThat(CommandSyntax.of("tls", "init [--host NAME]... [--dir DIR]").names()).as("--host NAME is no service")
                .isEqualTo(CommandSyntax.Names.NONE);
        assertThat(CommandSyntax.of("up", "[--config FILE]").optionArgs()).containsEntry("--config", CommandSyntax.FILES);
        assertThat(CommandSyntax.generalOptions()).containsExactly("--home", "--verbose", "--version", "--data");
    }

    @Test
    void serviceNamesAreOfferedWhereTheCommandsTakeThem() {
        for (String command : List.of("start", "stop", "restart", "logs", "call", "info", "lock", "unlock", "rename")) {
            assertThat(syntax(command).names()).as(command).isNotEqualTo(CommandSyntax.Names.NONE);
        }
        assertThat(syntax("help").words()).containsAll(CommandHelp.all().keySet());
    }

    @Test
    void everyScriptHasEveryCommandAndOption() {
        SCRIPTS.forEach((shell, render) -> {
            String script = render.apply(CommandSyntax.all());
            CommandHelp.all().forEach((name, entry) -> {
                assertThat(script).as(shell + " " + name).contains(name);
                for (String token : entry.args().split("[\\s\\[\\]|]+")) {
                    if (token.startsWith("-")) {
                        assertThat(script).as(shell + " " + name + " " + token).contains(token);
                    }
                }
            });
            CommandSyntax.generalOptions().forEach(option -> assertThat(script).as(shell + " " + option).contains(option));
        });
    }

    @Test
    void bashCaseListsEachCommandWithItsOptions() {
        String script = BashScript.render(CommandSyntax.all());
        for (CommandSyntax c : CommandSyntax.all()) {
            assertThat(script).contains("        " + c.name() + ") opts='" + String.join(" ", c.options()) + "'");
        }
        assertThat(script).contains("complete -F _pyrolab pyrolab").contains("completion names");
    }

    @Test
    void zshScriptIsACompdefFunctionForFpathAndForSource() {
        String script = ZshScript.render(CommandSyntax.all());
        assertThat(script).startsWith("#compdef pyrolab\n").contains("_pyrolab() {")
                .contains("if [[ $funcstack[1] == _pyrolab ]]; then").contains("compdef _pyrolab pyrolab")
                .contains("_describe command commands").contains("completion names");
        // every command with its help summary, colons escaped for _describe
        CommandHelp.all().forEach((name, entry) -> assertThat(script)
                .contains(ZshScript.quote(name + ":" + entry.summary().replace(":", "\\:"))));
        // (parentheses do not pair in shell scripts: `case` patterns end with a lone `)`)
        assertBalanced(script, "{", "}");
    }

    @Test
    void powerShellScriptRegistersANativeCompleter() {
        String script = PowerShellScript.render(CommandSyntax.all());
        assertThat(script).contains("Register-ArgumentCompleter -Native -CommandName 'pyrolab'")
                .contains("completion names").doesNotContain("$home ").doesNotContain("$home=");
        for (CommandSyntax c : CommandSyntax.all()) {
            assertThat(script).contains("'" + c.name() + "' = @{ opts = ");
        }
        assertBalanced(script, "{", "}");
        assertBalanced(script, "(", ")");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CompletionCommand.run(Path.of("none.yaml"), List.of("fish"), new PrintStream(out), new PrintStream(err, true));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "pyrolab: `completion` needs one shell, bash, zsh or powershell: pyrolab completion bash|zsh|powershell\n");
    }

    private static CommandSyntax syntax(String command) {
        return CommandSyntax.all().stream().filter(c -> c.name().equals(command)).findFirst().orElseThrow();
    }

    /** A cheap structural check for shells that are not on this machine: brackets pair up. */
    private static void assertBalanced(String script, String open, String close) {
        int depth = 0;
        for (char ch : script.replaceAll("'[^'\\n]*'", "''").toCharArray()) {
            depth += String.valueOf(ch).equals(open) ? 1 : String.valueOf(ch).equals(close) ? -1 : 0;
            assertThat(depth).as(open + close + " nesting").isNotNegative();
        }
        assertThat(depth).as(open + close + " balanced").isZero();
    }
}
