package org.pyrolab.launcher.autostart;

import org.pyrolab.control.AtomicFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One change an install or remove makes: shown as is by {@code --print}, or applied. */
interface Step {
    /** What the step does and, for a file, its full content. */
    String describe();

    /** Applies the step; returns one line for the user. */
    String apply() throws IOException;

    /** Writes a file (creating its folder), replacing what was there: installing twice gives the same file. */
    final class WriteFile implements Step {
        final Path path;
        final String content;
        private final Charset charset;

        WriteFile(Path path, String content) {
            this(path, content, StandardCharsets.UTF_8);
        }

        WriteFile(Path path, String content, Charset charset) {
            this.path = path;
            this.content = content;
            this.charset = charset;
        }

        @Override
        public String describe() {
            return "write " + path + ":\n" + content.indent(4);
        }

        @Override
        public String apply() throws IOException {
            Files.createDirectories(path.getParent());
            AtomicFile.write(path, content.getBytes(charset)); // a crash leaves the old entry or the new, whole
            return "wrote " + path;
        }
    }

    /** Deletes a file if it is there. */
    final class DeleteFile implements Step {
        final Path path;

        DeleteFile(Path path) {
            this.path = path;
        }

        @Override
        public String describe() {
            return "delete " + path;
        }

        @Override
        public String apply() throws IOException {
            return Files.deleteIfExists(path) ? "deleted " + path : path + " was not there";
        }
    }

    /** Runs a tool; a failure stops the install unless the step may fail (an unload of what is not loaded). */
    final class Run implements Step {
        final List<String> command;
        private final Commands commands;
        private final boolean mayFail;

        Run(Commands commands, boolean mayFail, String... command) {
            this.commands = commands;
            this.mayFail = mayFail;
            this.command = List.of(command);
        }

        @Override
        public String describe() {
            return "run " + String.join(" ", command);
        }

        @Override
        public String apply() throws IOException {
            Commands.Result result = commands.run(command, null);
            if (result.exit != 0 && !mayFail) {
                throw new IOException("`" + String.join(" ", command) + "` failed (exit " + result.exit + "): "
                        + result.output.strip() + "; see docs/deployment.md for the manual steps");
            }
            return "ran " + String.join(" ", command) + (result.exit == 0 ? "" : " (exit " + result.exit + ", ignored)");
        }
    }

    /** Replaces the crontab's content. */
    final class WriteCrontab implements Step {
        private final Crontab crontab;
        final String before;
        final String after;

        WriteCrontab(Crontab crontab, String before, String after) {
            this.crontab = crontab;
            this.before = before;
            this.after = after;
        }

        @Override
        public String describe() {
            if (before.equals(after)) {
                return "leave " + crontab + " as it is:\n" + after.indent(4);
            }
            return "write " + crontab + ":\n" + after.indent(4);
        }

        @Override
        public String apply() throws IOException {
            if (before.equals(after)) {
                return crontab + " already up to date";
            }
            crontab.write(after);
            return "updated " + crontab;
        }
    }

    /** Something the user must know or do: shown, changes nothing. */
    final class Note implements Step {
        private final String text;

        Note(String text) {
            this.text = text;
        }

        @Override
        public String describe() {
            return "note: " + text;
        }

        @Override
        public String apply() {
            return "note: " + text;
        }
    }
}
