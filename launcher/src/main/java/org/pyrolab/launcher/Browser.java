package org.pyrolab.launcher;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a link in the user's browser for {@code pyrolab web --open}: the desktop's own opener
 * ({@code xdg-open}, {@code open}, {@code rundll32}), else {@code java.awt.Desktop} where the JDK
 * has one. Only http(s) links, passed as one argument (never through a shell).
 */
final class Browser {
    private Browser() {
    }

    /** A command that prints to the stream it is given and answers its exit code. */
    interface Printing {
        int run(java.io.PrintStream to) throws java.io.IOException;
    }

    /** Runs {@code command}, prints what it printed, and when it succeeded opens the link it printed. */
    static int openPrinted(Printing command, java.io.PrintStream out) throws java.io.IOException {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream capture = new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8)) {
            code = command.run(capture);
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        out.print(text);
        if (code == org.pyrolab.control.ExitCode.OK && !open(text.strip())) {
            out.println("No browser could be opened here; open the link above yourself.");
        }
        return code;
    }

    /** Whether something took the link. */
    static boolean open(String link) {
        if (!link.matches("https?://[^\\s\"'<>]+")) {
            return false;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", link)
                : os.contains("mac") ? List.of("open", link) : List.of("xdg-open", link);
        if (run(command)) {
            return true;
        }
        return desktop(link);
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** java.desktop may be missing from a slim runtime: looked up by reflection, so this class loads without it. */
    private static boolean desktop(String link) {
        try {
            Class<?> desktop = Class.forName("java.awt.Desktop");
            if (!(Boolean) desktop.getMethod("isDesktopSupported").invoke(null)) {
                return false;
            }
            Object d = desktop.getMethod("getDesktop").invoke(null);
            desktop.getMethod("browse", java.net.URI.class).invoke(d, java.net.URI.create(link));
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
