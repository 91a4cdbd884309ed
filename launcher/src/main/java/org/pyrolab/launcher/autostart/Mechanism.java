package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.util.List;

/** One way of starting the daemon at boot or log-in on one operating system. */
interface Mechanism {
    /** When the daemon should start. */
    enum At { BOOT, LOGIN }

    /** A short name for messages, such as "systemd user unit". */
    String name();

    /** Whether it can be used on this machine. */
    boolean available();

    /** The changes that install it; applying them again gives the same result. */
    List<Step> install(At at) throws IOException;

    /** The changes that remove it; empty when it is not installed. */
    List<Step> remove() throws IOException;

    /** What is installed and whether it starts this installation, or null when nothing is. */
    Status status() throws IOException;

    /** An installed entry. */
    final class Status {
        final String text;
        final boolean pointsHere;

        Status(String text, boolean pointsHere) {
            this.text = text;
            this.pointsHere = pointsHere;
        }
    }

    /** Escapes text for XML content and attribute values (plist, Task Scheduler). */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
