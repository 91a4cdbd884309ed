package org.pyrolab.command;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.felix.service.command.CommandSession;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.control.CommandFailure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** What the commands share: stable JSON, file arguments relative to the caller, failures. */
final class Output {
    /** The session variable the control channel sets to the client's working directory. */
    static final String CWD = "PYROLAB_CWD";
    /** A row's kind is written as the word users read in {@code ps} ({@code "service"}), not as the enum's name. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule().addSerializer(ServiceKind.class, ToStringSerializer.instance));

    private Output() {
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
