package org.pyrolab.command;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.ProblemDTO;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.CommandHelp;

/** {@code config ...}, {@code reload}, {@code rename}, {@code info}: the configuration. */
@Component(service = ConfigCommands.class)
@GogoCommand(scope = "pyrolab", function = {"config", "reload", "rename", "info"})
public class ConfigCommands {
    private static final String USAGE = "config validate FILE | update FILE | show | export FILE | reset [--yes]";

    @Reference
    Configuration configuration;

    @Descriptor(CommandHelp.CONFIG)
    public String config(CommandSession session,
            @Descriptor("confirm `reset`") @Parameter(names = "--yes", presentValue = "true", absentValue = "false") boolean yes,
            @Descriptor("validate FILE | update FILE | show | export FILE | reset") String... args) {
        if (args == null || args.length == 0) {
            throw Output.usage(USAGE);
        }
        switch (args[0] + "/" + args.length) {
            case "validate/2": {
                Path file = Output.file(session, args[1]);
                return validate(configuration.validate(file), file + " is valid");
            }
            case "update/2": {
                Path file = Output.file(session, args[1]);
                return validate(configuration.update(file), file + " is valid and is now the user configuration; `pyrolab reload` applies it");
            }
            case "show/1":
                return configuration.show();
            case "export/2": {
                Path file = Output.file(session, args[1]);
                configuration.export(file);
                return "Wrote the running configuration to " + file + ".";
            }
            case "reset/1": {
                if (!yes) {
                    throw new CommandFailure("`config reset` removes the user configuration file; run `pyrolab config reset --yes` to confirm");
                }
                Path removed = configuration.reset();
                return removed == null ? "There was no user configuration file." : "Removed " + removed + ".";
            }
            default:
                throw Output.usage(USAGE);
        }
    }

    /** Warnings are printed and pass; any error fails the command with every problem listed. */
    private static String validate(List<ProblemDTO> problems, String verdict) {
        List<ProblemDTO> errors = problems.stream().filter(p -> p.error).collect(Collectors.toList());
        String all = problems.stream().map(p -> p.text).collect(Collectors.joining("\n"));
        if (!errors.isEmpty()) {
            throw new CommandFailure(errors.size() + " problem(s); nothing was changed:\n" + all);
        }
        return (all.isEmpty() ? "" : all + "\n") + "OK: " + verdict + ".";
    }

    @Descriptor(CommandHelp.RELOAD)
    public String reload() {
        try {
            return configuration.reload();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    @Descriptor(CommandHelp.RENAME)
    public String rename(@Descriptor("current name") String oldName, @Descriptor("new name") String newName) {
        return configuration.rename(oldName, newName);
    }

    @Descriptor(CommandHelp.INFO)
    public String info(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("an entry's name (optional)") String... name) {
        if (name != null && name.length > 1) {
            throw Output.usage("info [NAME] [--json]");
        }
        Object info = configuration.info(name == null || name.length == 0 ? null : name[0]);
        return json ? Output.json(info) : name == null || name.length == 0 ? configuration.show() : Yaml.of(info);
    }
}
