package org.pyrolab.launcher;

import org.pyrolab.control.DaemonProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process a lockfile names, and whether it really is a PyroLab daemon of this user for
 * this data folder: only then may {@code up --force} end it.
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

    /** Its command line names the daemon's main class and this data folder, and it runs as this user. */
    boolean isPyroLabDaemonFor(Path data) {
        ProcessHandle.Info info = handle.info();
        String commandLine = info.commandLine().orElse("");
        String user = info.user().orElse("");
        return commandLine.contains(DaemonSettings.DAEMON_MAIN)
                && commandLine.contains("-D" + DaemonProperties.DATA + "=" + data)
                && sameUser(user, System.getProperty("user.name"));
    }

    private static boolean sameUser(String processUser, String me) {
        // Windows reports DOMAIN\\user
        return processUser.equals(me) || processUser.endsWith("\\" + me);
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
