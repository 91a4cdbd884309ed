package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The user's crontab: the real one through {@code crontab -l} and {@code crontab -}, or a file in tests. */
interface Crontab {
    String read() throws IOException;

    void write(String content) throws IOException;

    /** Whether it can be read and written here at all. */
    boolean available();

    static Crontab of(Host host) {
        String file = host.env.get(Host.CRONTAB_FILE_ENV);
        return file == null || file.isBlank() ? new Command(host.commands) : new File(Path.of(file));
    }

    /** A plain file standing in for the crontab. */
    final class File implements Crontab {
        private final Path path;

        File(Path path) {
            this.path = path;
        }

        @Override
        public String read() throws IOException {
            return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        }

        @Override
        public void write(String content) throws IOException {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String toString() {
            return "crontab file " + path;
        }
    }

    /** The user's real crontab. */
    final class Command implements Crontab {
        private final Commands commands;

        Command(Commands commands) {
            this.commands = commands;
        }

        @Override
        public String read() throws IOException {
            Commands.Result result = commands.run(List.of("crontab", "-l"), "");
            // `crontab -l` fails with "no crontab for USER" when there is none yet: that is an empty one
            return result.exit == 0 ? result.output : "";
        }

        @Override
        public void write(String content) throws IOException {
            Commands.Result result = commands.run(List.of("crontab", "-"), content);
            if (result.exit != 0) {
                throw new IOException("crontab refused the new table (exit " + result.exit + "): " + result.output.strip());
            }
        }

        @Override
        public boolean available() {
            try {
                return commands.run(List.of("crontab", "-l"), "").exit != 127;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "the user's crontab";
        }
    }
}
