package org.pyrolab.daemon.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** What Gogo's runtime itself resolves, which can lag behind the command services registered. */
final class GogoCommands {
    /** The session variable in which Gogo's runtime lists the commands it knows ({@code scope:function}). */
    private static final String COMMANDS = ".commands";

    private GogoCommands() {
    }

    static boolean known(CommandProcessor processor, String command) {
        CommandSession session = processor.createSession(InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        try {
            return session.get(COMMANDS) instanceof Collection<?> known && known.contains(command);
        } finally {
            session.close();
        }
    }
}
