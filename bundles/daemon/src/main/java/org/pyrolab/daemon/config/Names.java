package org.pyrolab.daemon.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for the names of services, endpoints and name servers. Names become file names in the
 * data folder (a service's log {@code logs/services/NAME.log.0}, a name server's store
 * {@code nameservers/NAME.json}), so a name must stay a single plain file name on every system:
 * no path separators, no {@code .} or {@code ..}, no NUL or other control characters, none of
 * the characters or device names Windows reserves, no trailing dot or space.
 */
public final class Names {
    /** Longer names make file names that some file systems refuse. */
    static final int MAX_LENGTH = 128;
    private static final String WINDOWS_FORBIDDEN = "<>:\"/\\|?*";
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private Names() {
    }

    /** Why {@code name} cannot be used, as the end of a sentence, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("a name has at most " + MAX_LENGTH + " characters, this one " + name.length());
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("`.` and `..` name folders, not entries; choose a name with letters or digits");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return Optional.of("a name must not contain `" + c + "` (names become file names in the data folder)");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("a name must not contain control characters such as NUL");
            }
            if (WINDOWS_FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("a name must not contain `" + c + "`, which Windows does not allow in file names");
            }
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            return Optional.of("a name must not end with a dot or a space, which Windows drops from file names");
        }
        if (name.startsWith(".")) {
            return Optional.of("a name must not start with a dot (that makes a hidden file, and `..x` looks like a path)");
        }
        String stem = name.split("\\.", 2)[0].trim().toUpperCase(Locale.ROOT);
        if (WINDOWS_DEVICES.contains(stem)) {
            return Optional.of("`" + stem + "` is a device name on Windows (as are CON, PRN, AUX, NUL, COM1-9, LPT1-9), even with"
                    + " an extension; choose another name");
        }
        return Optional.empty();
    }
}
