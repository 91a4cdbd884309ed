package org.pyrolab.daemon.offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.pyrolab.daemon.config.ConfigFile;
import org.pyrolab.daemon.config.ConfigReader;
import org.pyrolab.daemon.text.ConfigText;

/**
 * {@code config validate|update|show|reset} with no daemon: the daemon's steps
 * ({@link ConfigFile}) and words ({@link ConfigText}) on the user's files. {@code export} shows
 * what a daemon runs and stays with the daemon (the launcher sends it there).
 */
final class OfflineConfig {
    private final Home home;

    OfflineConfig(Home home) {
        this.home = home;
    }

    String run(List<String> args) throws IOException {
        GogoArguments line = new GogoArguments("config", "(CommandSession, boolean, String[])", args);
        boolean yes = line.flag("--yes");
        List<String> rest = line.positional();
        if (rest.isEmpty()) {
            throw ConfigText.usage();
        }
        switch (rest.get(0) + "/" + rest.size()) {
            case "validate/2": {
                Path file = file(rest.get(1));
                return ConfigText.validated(ConfigFile.dtos(read(file).problems()), file);
            }
            case "update/2": {
                Path file = file(rest.get(1));
                ConfigReader.Result result = read(file);
                if (result.ok()) {
                    ConfigFile.install(home.folder.userConfig(), result.config());
                }
                return ConfigText.installed(ConfigFile.dtos(result.problems()), file);
            }
            case "show/1":
                return show();
            case "reset/1":
                if (!yes) {
                    throw ConfigText.resetUnconfirmed();
                }
                return ConfigText.reset(ConfigFile.remove(home.folder.userConfig()));
            default:
                throw ConfigText.usage();
        }
    }

    private ConfigReader.Result read(Path file) throws IOException {
        return ConfigFile.read(home.reader(), file);
    }

    private String show() {
        Path file = home.folder.userConfig();
        if (!Files.exists(file)) {
            return ConfigText.user(file, null);
        }
        try {
            return ConfigText.user(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Relative to where {@code pyrolab} runs, which is this JVM's working directory. */
    private static Path file(String name) {
        return Paths.get(name).toAbsolutePath().normalize();
    }
}
