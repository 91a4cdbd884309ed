package org.pyrolab.launcher;

import java.util.Map;
import java.util.Optional;

/**
 * The daemon is meant to run as an ordinary user: its folders, token and instrument ports belong
 * to that user, and a root daemon would leave root-owned files in them. Said once by {@code up}
 * and once in the daemon log; {@code PYROLAB_ALLOW_ROOT=1} (containers) silences it.
 */
final class RootWarning {
    static final String ALLOW_ENV = "PYROLAB_ALLOW_ROOT";
    static final String TEXT = "the PyroLab daemon is running as root; it is meant to run as an ordinary user"
            + " (its files would belong to root): start it as the user who owns the instruments, or set " + ALLOW_ENV
            + "=1 to silence this";

    private RootWarning() {
    }

    static Optional<String> message(Map<String, String> env) {
        boolean root = !System.getProperty("os.name").toLowerCase().startsWith("windows")
                && "root".equals(System.getProperty("user.name"));
        return root && !"1".equals(env.get(ALLOW_ENV)) ? Optional.of(TEXT) : Optional.empty();
    }
}
