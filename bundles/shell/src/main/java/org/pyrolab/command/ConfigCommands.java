package org.pyrolab.command;

import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.CommandHelp;
import org.pyrolab.daemon.text.ConfigText;

/** {@code config ...}, {@code reload}, {@code rename}, {@code info}: the configuration. */
@Component(service = ConfigCommands.class)
@GogoCommand(scope = "pyrolab", function = {"config", "reload", "rename", "info"})
public class ConfigCommands {
    @Reference
    Configuration configuration;

    @Descriptor(CommandHelp.CONFIG)
    public String config(CommandSession session,
            @Descriptor("confirm `reset`") @Parameter(names = "--yes", presentValue = "true", absentValue = "false") boolean yes,
            @Descriptor("validate FILE | update FILE | show | export FILE | reset") String... args) {
        if (args == null || args.length == 0) {
            throw ConfigText.usage();
        }
        switch (args[0] + "/" + args.length) {
            case "validate/2": {
                Path file = Output.file(session, args[1]);
                return ConfigText.validated(configuration.validate(file), file);
            }
            case "update/2": {
                Path file = Output.file(session, args[1]);
                return ConfigText.installed(configuration.update(file), file);
            }
            case "show/1":
                // this command runs in the daemon's JVM: its pid is the daemon's
                return ConfigText.running(ProcessHandle.current().pid(), configuration.source(), configuration.show());
            case "export/2": {
                Path file = Output.file(session, args[1]);
                configuration.export(file);
                return "Wrote the running configuration to " + file + ".";
            }
            case "reset/1": {
                if (!yes) {
                    throw ConfigText.resetUnconfirmed();
                }
                return ConfigText.reset(configuration.reset());
            }
            default:
                throw ConfigText.usage();
        }
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
