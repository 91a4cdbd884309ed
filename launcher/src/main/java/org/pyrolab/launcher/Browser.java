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
