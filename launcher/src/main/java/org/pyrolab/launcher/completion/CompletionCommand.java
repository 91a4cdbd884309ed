package org.pyrolab.launcher.completion;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.pyrolab.control.ExitCode;

/**
 * {@code pyrolab completion bash|zsh|powershell} prints a completion script built from the
 * command help; the hidden {@code completion names} prints the configured names the scripts
 * offer for {@code start NAME} and the like. Both run in the command's JVM: no daemon needed.
 */
public final class CompletionCommand {
    static final String SHELLS = "bash, zsh or powershell";

    private CompletionCommand() {
    }

    /** {@code configFile} is the user configuration the names are read from. */
    public static int run(Path configFile, List<String> args, PrintStream out, PrintStream err) {
        String what = args.size() == 1 ? args.get(0) : "";
        switch (what) {
            case "bash":
                out.print(BashScript.render(CommandSyntax.all()));
                return ExitCode.OK;
            case "zsh":
                out.print(ZshScript.render(CommandSyntax.all()));
                return ExitCode.OK;
            case "powershell":
                out.print(PowerShellScript.render(CommandSyntax.all()));
                return ExitCode.OK;
            case "names":
                ConfiguredNames.of(configFile).forEach(out::println);
                return ExitCode.OK;
            default:
                err.println("pyrolab: `completion` needs one shell, " + SHELLS + ": pyrolab completion bash|zsh|powershell");
                return ExitCode.USAGE;
        }
    }
}
