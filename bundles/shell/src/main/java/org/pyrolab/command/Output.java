package org.pyrolab.command;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.felix.service.command.CommandSession;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.daemon.text.Json;

/** What the commands share: stable JSON ({@link Json}), file arguments relative to the caller, failures. */
final class Output {
    /** The session variable the control channel sets to the client's working directory. */
    static final String CWD = "PYROLAB_CWD";

    private Output() {
    }

    static String json(Object value) {
        return Json.of(value);
    }

    /** A file argument, resolved against the working directory of the {@code pyrolab} command that sent it. */
    static Path file(CommandSession session, String name) {
        Path path = Paths.get(name);
        Object cwd = session == null ? null : session.get(CWD);
        return path.isAbsolute() || cwd == null ? path.toAbsolutePath().normalize() : Paths.get(cwd.toString()).resolve(path).normalize();
    }

    /** Prints a line at once, for commands that report as they go. */
    static void progress(CommandSession session, String line) {
        session.getConsole().println(line);
        session.getConsole().flush();
    }

    static CommandFailure usage(String usage) {
        return CommandFailure.usage("usage: pyrolab " + usage);
    }
}
