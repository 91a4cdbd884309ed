package org.pyrolab.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.dto.ProblemDTO;
import org.pyrolab.control.AtomicFile;
import org.pyrolab.control.OwnerOnlyFiles;

/**
 * Reading a configuration file and installing one as the user configuration: the same steps for
 * the daemon ({@link ConfigurationService}) and for the commands that run without one
 * ({@code org.pyrolab.daemon.offline}), so both say the same about the same file.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Reads and checks {@code file}; a missing or unreadable file is one error, never an exception. Null reads as empty. */
    public static ConfigReader.Result read(ConfigReader reader, Path file) {
        if (file == null) {
            return new ConfigReader.Result(LabConfig.empty(), List.of());
        }
        if (!Files.isRegularFile(file)) {
            return new ConfigReader.Result(null, List.of(new Problem(true, file.toString(), 0, "",
                    "there is no such file; give the path of a YAML or JSON configuration")));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new ConfigReader.Result(null, List.of(new Problem(true, file.toString(), 0, "", "cannot be read: it is not UTF-8 text")));
        } catch (IOException e) {
            return new ConfigReader.Result(null, List.of(new Problem(true, file.toString(), 0, "", "cannot be read: " + e.getMessage())));
        }
        return reader.read(file.toString(), file.getFileName().toString(), text);
    }

    /**
     * Installs a checked configuration as the user configuration: exactly the bytes that were
     * checked, replaced atomically (a crash leaves the old file or the new one, whole).
     */
    public static void install(Path userConfig, LabConfig checked) {
        try {
            OwnerOnlyFiles.createDirectories(userConfig.getParent()); // as `up` makes it: with no daemon, update may be first
            AtomicFile.writeString(userConfig, checked.text());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + userConfig + ": " + e.getMessage());
        }
    }

    /** Removes the user configuration; the file removed, or null when there was none. */
    public static Path remove(Path userConfig) {
        try {
            return Files.deleteIfExists(userConfig) ? userConfig : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + userConfig + ": " + e.getMessage());
        }
    }

    public static List<ProblemDTO> dtos(List<Problem> problems) {
        List<ProblemDTO> list = new ArrayList<>();
        for (Problem p : problems) {
            ProblemDTO dto = new ProblemDTO();
            dto.error = p.error();
            dto.file = p.file();
            dto.line = p.line();
            dto.path = p.path();
            dto.message = p.message();
            dto.text = p.toString();
            list.add(dto);
        }
        return list;
    }
}
