package org.pyrolab.command;

import java.io.IOException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.lab.Logs;
import org.pyrolab.control.CommandHelp;
import org.pyrolab.daemon.text.LogsText;

/** {@code logs}: read, follow, export and clear the daemon's and the services' logs. */
@Component(service = LogCommands.class)
@GogoCommand(scope = "pyrolab", function = "logs")
public class LogCommands {
    @Reference
    Logs logs;

    @Descriptor(CommandHelp.LOGS)
    public String logs(CommandSession session,
            @Descriptor("follow: print new lines as they come until interrupted") @Parameter(names = {"-f", "--follow"}, presentValue = "true", absentValue = "false") boolean follow,
            @Descriptor("how many lines") @Parameter(names = {"-n", "--lines"}, absentValue = "" + LogsText.DEFAULT_LINES) int lines,
            @Descriptor("[NAME] | export FILE | clean") String... args) throws IOException, InterruptedException {
        int count = args == null ? 0 : args.length;
        if (count == 2 && args[0].equals("export")) {
            java.nio.file.Path file = Output.file(session, args[1]);
            return LogsText.exported(logs.export(file), file);
        }
        if (count == 1 && args[0].equals("clean")) {
            return LogsText.cleaned(logs.clean());
        }
        if (count > 1 || lines < 0) {
            throw LogsText.usage();
        }
        String service = count == 1 ? args[0] : null;
        logs.tail(service, lines).forEach(line -> Output.progress(session, line));
        if (follow) {
            logs.follow(service, line -> Output.progress(session, line));
        }
        return null;
    }
}
