package org.pyrolab.daemon.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.pyrolab.daemon.logs.LogFolder;
import org.pyrolab.daemon.text.LogsText;

/** {@code logs [NAME] [-f] [-n N] | logs export FILE | logs clean} with no daemon: the same files, read by {@link LogFolder}. */
final class OfflineLogs {
    private final Home home;
    private final PrintStream out;

    OfflineLogs(Home home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    String run(List<String> args) throws IOException, InterruptedException {
        GogoArguments line = new GogoArguments("logs", "(CommandSession, boolean, int, String[])", args);
        boolean follow = line.flag("-f", "--follow");
        int lines = line.number(LogsText.DEFAULT_LINES, "-n", "--lines");
        List<String> rest = line.positional();
        LogFolder logs = new LogFolder(home.folder, home::configuredServices);
        if (rest.size() == 2 && rest.get(0).equals("export")) {
            Path file = Paths.get(rest.get(1)).toAbsolutePath().normalize();
            return LogsText.exported(logs.export(file), file);
        }
        if (rest.size() == 1 && rest.get(0).equals("clean")) {
            return LogsText.cleaned(logs.clean());
        }
        if (rest.size() > 1 || lines < 0) {
            throw LogsText.usage();
        }
        String service = rest.size() == 1 ? rest.get(0) : null;
        logs.tail(service, lines).forEach(this::print);
        if (follow) {
            logs.follow(service, this::print); // until Ctrl-C ends this JVM
        }
        return null;
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
