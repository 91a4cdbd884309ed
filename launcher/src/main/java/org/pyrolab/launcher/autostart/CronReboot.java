package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Linux without systemd (and the seed's way): a crontab {@code @reboot} line running
 * {@code pyrolab up --force}. The line ends with a marker comment so it is found again; every
 * other line of the crontab is left as it is.
 */
final class CronReboot implements Mechanism {
    static final String MARKER = "# pyrolab autostart";
    private final Host host;
    private final Crontab crontab;

    CronReboot(Host host, Crontab crontab) {
        this.host = host;
        this.crontab = crontab;
    }

    @Override
    public String name() {
        return "crontab @reboot line";
    }

    @Override
    public boolean available() {
        return crontab.available();
    }

    /** cron runs the line with sh and a bare environment: pin the folders and Java this user has now. */
    String line() {
        StringBuilder line = new StringBuilder("@reboot ");
        if (host.javaHome() != null) {
            line.append("JAVA_HOME=").append(quote(host.javaHome())).append(' ');
        }
        if (host.home != null) {
            line.append("PYROLAB_HOME=").append(quote(host.home.toString())).append(' ');
        }
        return line.append(quote(host.script().toString())).append(" up --force ").append(MARKER).toString();
    }

    /** sh single quotes; cron turns an unescaped % into a newline. */
    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''").replace("%", "\\%") + "'";
    }

    @Override
    public List<Step> install(At at) throws IOException {
        String before = crontab.read();
        List<String> ours = marked(before);
        String after = ours.equals(List.of(line())) ? before : without(before) + line() + "\n";
        List<Step> steps = new ArrayList<>(List.of(new Step.WriteCrontab(crontab, before, after)));
        if (at == At.LOGIN) {
            steps.add(new Step.Note("cron starts the daemon at boot, before anyone logs in"));
        }
        return steps;
    }

    @Override
    public List<Step> remove() throws IOException {
        String before = crontab.read();
        return marked(before).isEmpty() ? List.of() : List.of(new Step.WriteCrontab(crontab, before, without(before)));
    }

    @Override
    public Status status() throws IOException {
        List<String> ours = marked(crontab.read());
        if (ours.isEmpty()) {
            return null;
        }
        boolean here = ours.stream().allMatch(l -> l.contains(quote(host.script().toString())));
        return new Status(name() + " in " + crontab + (here ? ", starts this installation" : ", starts another installation: "
                + String.join(" | ", ours)), here);
    }

    private static List<String> marked(String table) {
        return table.lines().filter(l -> l.strip().endsWith(MARKER)).collect(Collectors.toList());
    }

    /** The table without our lines, every other line exactly as it was. */
    private static String without(String table) {
        StringBuilder kept = new StringBuilder();
        for (String line : table.split("(?<=\n)")) {
            if (!line.strip().endsWith(MARKER) && !line.isEmpty()) {
                kept.append(line);
            }
        }
        if (kept.length() > 0 && kept.charAt(kept.length() - 1) != '\n') {
            kept.append('\n'); // a table must end with a newline before a line is added after it
        }
        return kept.toString();
    }
}
