package org.pyrolab.daemon.offline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.LogManager;

import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.ExitCode;
import org.pyrolab.daemon.internal.DataFolder;

/**
 * The entry point the launcher calls by reflection, with JDK types only, when {@code config},
 * {@code logs} or {@code drivers} runs and no daemon does. Prints as the daemon's
 * {@code CommandRunner} prints a Gogo command's outcome: the result with a final newline, or
 * {@code pyrolab: } and the reason on stderr with the same exit code.
 */
public final class OfflineMain {
    private OfflineMain() {
    }

    /**
     * @param data the data folder, {@code configDir} the configuration folder, {@code install} the installation's root
     * @param args the command and its arguments, such as {@code [config, validate, lab.yaml]}
     */
    public static int run(Path data, Path configDir, Path install, String version, List<String> args, PrintStream out, PrintStream err,
            boolean verbose) {
        // the daemon's classes log through System.Logger; here that would be console noise, the daemon's log is not ours to write
        LogManager.getLogManager().reset();
        Home home = new Home(DataFolder.at(data, configDir, install, version));
        try {
            String text = command(home, args, out);
            if (text != null) {
                out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            }
            return ExitCode.OK;
        } catch (Exception e) {
            int code = e instanceof CommandFailure ? ((CommandFailure) e).exitCode() : ExitCode.FAILED;
            String message = e.getMessage();
            err.println("pyrolab: " + (message == null ? e.toString() : message));
            if (verbose) {
                e.printStackTrace(err);
            }
            return code;
        } finally {
            out.flush();
        }
    }

    private static String command(Home home, List<String> args, PrintStream out) throws Exception {
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "config":
                return new OfflineConfig(home).run(rest);
            case "logs":
                return new OfflineLogs(home, out).run(rest);
            case "drivers":
                return new OfflineDrivers(home).run(rest);
            default:
                throw new IllegalArgumentException("`" + args.get(0) + "` needs the daemon");
        }
    }
}
