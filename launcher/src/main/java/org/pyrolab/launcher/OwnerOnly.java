package org.pyrolab.launcher;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * The user's folders are the user's alone: the data folder, the configuration folder and the
 * deploy directory must belong to the user the daemon runs as and must not be writable by its
 * group or by others, since whoever can write there can replace the configuration, drop a bundle
 * that the daemon runs, or read the control token's folder. Folders PyroLab creates are made
 * {@code rwx------} ({@link org.pyrolab.control.OwnerOnlyFiles}). Checked on POSIX file systems; on Windows the folders under
 * {@code %LOCALAPPDATA%} inherit an owner-only ACL.
 */
final class OwnerOnly {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Refuses {@code dir} (described as {@code what}) with one sentence saying how to fix it, unless it is the user's alone. */
    static void check(String what, Path dir) {
        if (!POSIX || !Files.isDirectory(dir)) {
            return;
        }
        try {
            String[] ownerAndMe = ownerAndMe(dir);
            problem(what, dir, ownerAndMe[0], ownerAndMe[1], Files.getPosixFilePermissions(dir)).ifPresent(p -> {
                throw new LauncherException(p);
            });
        } catch (IOException e) {
            throw new LauncherException("cannot read the permissions of " + what + " " + dir + " (" + e.getMessage()
                    + "); fix its permissions or set PYROLAB_HOME or --home to a folder of your own");
        }
    }

    /**
     * Why the folder is not the user's alone, as one sentence, or empty. {@code owner} and
     * {@code me} are user ids (or names where there are no ids); {@code me} null when unknown.
     */
    static Optional<String> problem(String what, Path dir, String owner, String me, Set<PosixFilePermission> permissions) {
        if (me != null && !me.equals(owner)) {
            return Optional.of(what + " " + dir + " belongs to user " + owner + ", not to you (user " + me
                    + "); use a folder of your own (PYROLAB_HOME or --home) or run chown " + me + " " + dir);
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (group || others) {
            String who = group && others ? "its group and by others" : group ? "its group" : "others";
            return Optional.of(what + " " + dir + " is writable by " + who + "; run chmod go-w " + dir);
        }
        return Optional.empty();
    }

    /**
     * The folder's owner and this process's user, comparably: uids on Linux (the uid of
     * {@code /proc/self}), elsewhere names (the owner's name and {@code user.name}); the user is
     * null when neither is known (a uid without a name in a container).
     */
    private static String[] ownerAndMe(Path dir) throws IOException {
        try {
            Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return new String[] {String.valueOf(Files.getAttribute(dir, "unix:uid")), String.valueOf(me)};
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noProc) {
            String name = System.getProperty("user.name");
            return new String[] {Files.getOwner(dir).getName(), name == null || name.isBlank() || name.equals("?") ? null : name};
        }
    }
}
