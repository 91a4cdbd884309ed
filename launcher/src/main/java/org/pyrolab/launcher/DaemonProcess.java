package org.pyrolab.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The process a lockfile names, and whether it really is a PyroLab daemon of this user, this
 * installation and this data folder: only then may {@code up --force} end it.
 */
final class DaemonProcess {
    private final ProcessHandle handle;

    private DaemonProcess(ProcessHandle handle) {
        this.handle = handle;
    }

    /** The live process with this pid, if any. */
    static Optional<DaemonProcess> of(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(DaemonProcess::new).filter(p -> !p.isZombie());
    }

    long pid() {
        return handle.pid();
    }

    /**
     * It runs as this user and is exactly a PyroLab daemon of this installation for this data
     * folder, background or {@code up --foreground} ({@link DaemonIdentity}); anything that only
     * looks similar (another home that starts with this one's path, a shell whose command line
     * mentions the main class) is not.
     */
    boolean isPyroLabDaemonOf(Path install, Path data) {
        if (!sameUser()) {
            return false;
        }
        DaemonIdentity.Facts facts = facts();
        return facts != null && DaemonIdentity.isDaemonOf(facts, install, data, System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")));
    }

    /** Every live process, other than this one, that is a PyroLab daemon of this installation and data folder. */
    static List<DaemonProcess> allOf(Path install, Path data) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self).map(DaemonProcess::new)
                .filter(p -> p.isPyroLabDaemonOf(install, data)).collect(Collectors.toList());
    }

    /**
     * Its arguments, environment and folder: exactly, from {@code /proc} on Linux (arguments as
     * the NUL-separated list the kernel keeps, not a command line joined with spaces); elsewhere
     * the arguments {@link ProcessHandle.Info} gives, without environment. Null when unknown.
     */
    private DaemonIdentity.Facts facts() {
        Path proc = Path.of("/proc", Long.toString(pid()));
        if (Files.isDirectory(proc)) {
            try {
                List<String> argv = split(Files.readAllBytes(proc.resolve("cmdline")));
                Map<String, String> env = null;
                try {
                    env = new HashMap<>();
                    for (String entry : split(Files.readAllBytes(proc.resolve("environ")))) {
                        int eq = entry.indexOf('=');
                        if (eq > 0) {
                            env.put(entry.substring(0, eq), entry.substring(eq + 1));
                        }
                    }
                } catch (IOException unreadable) {
                    env = null;
                }
                Path cwd = null;
                try {
                    cwd = Files.readSymbolicLink(proc.resolve("cwd"));
                } catch (IOException | UnsupportedOperationException unreadable) {
                    // relative paths in its arguments then prove nothing
                }
                return new DaemonIdentity.Facts(argv, env, cwd);
            } catch (IOException gone) {
                return null;
            }
        }
        ProcessHandle.Info info = handle.info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        argv.add(info.command().get());
        argv.addAll(List.of(info.arguments().get()));
        return new DaemonIdentity.Facts(argv, null, null);
    }

    private static List<String> split(byte[] nulSeparated) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < nulSeparated.length; i++) {
            if (nulSeparated[i] == 0) {
                parts.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < nulSeparated.length) {
            parts.add(new String(nulSeparated, start, nulSeparated.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }

    /** The same user: the uid of its /proc entry on Linux; elsewhere the user name the OS reports. */
    private boolean sameUser() {
        try {
            Object its = Files.getAttribute(Path.of("/proc", Long.toString(pid())), "unix:uid");
            return its.equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noProc) {
            String user = handle.info().user().orElse("");
            String me = System.getProperty("user.name");
            // Windows reports DOMAIN and user joined by a backslash
            return user.equals(me) || user.endsWith("\\" + me);
        }
    }

    /** Ends the process: TERM, then KILL after {@code graceMs}. Returns how it ended. */
    String end(long graceMs) throws InterruptedException {
        handle.destroy();
        resume();
        if (waitForExit(graceMs)) {
            return "TERM";
        }
        handle.destroyForcibly();
        if (waitForExit(10_000)) {
            return "KILL";
        }
        throw new LauncherException("process " + pid() + " did not end even after KILL; end it by hand and run `pyrolab up` again");
    }

    /** A stopped process (SIGSTOP, Ctrl-Z) acts on TERM only once it runs again; Windows has no such state. */
    private void resume() throws InterruptedException {
        if (DaemonStarter.isWindows()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-CONT", Long.toString(pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (java.io.IOException noKillCommand) {
            // then only KILL ends a stopped process, after the grace period
        }
    }

    /** True once the process has exited, within {@code ms}. */
    boolean waitForExit(long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (handle.isAlive() && !isZombie()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                handle.onExit().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // poll again
            }
        }
        return true;
    }

    /**
     * Exited but not yet reaped. The daemon's parent, the {@code up} that started it, is gone, so
     * whatever adopted it collects it; a slow reaper (some containers' init) would otherwise make
     * a finished daemon look alive for a second or more. Linux only; elsewhere false.
     */
    private boolean isZombie() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            int end = stat.lastIndexOf(')'); // the command name in parentheses may contain anything
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException noProcFs) {
            return false;
        }
    }
}
