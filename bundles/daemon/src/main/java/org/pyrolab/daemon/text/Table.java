package org.pyrolab.daemon.text;

import java.util.ArrayList;
import java.util.List;

/** Plain-text columns for the commands' output (Karaf's ShellTable idea, in small). */
public final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
    }

    public Table row(Object... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "-";
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, width);
        for (String[] row : rows) {
            line(text, row, width);
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    /** A title, then {@code key: value} lines with the values aligned. */
    public static String keyValues(String title, String... pairs) {
        int width = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            width = Math.max(width, pairs[i].length());
        }
        StringBuilder text = new StringBuilder(title).append('\n');
        for (int i = 0; i < pairs.length; i += 2) {
            text.append("  ").append(pairs[i]).append(':').append(" ".repeat(width - pairs[i].length() + 1)).append(pairs[i + 1]).append('\n');
        }
        return text.toString();
    }

    /** {@code 3d 4h}, {@code 2h 5m}, {@code 4m 10s}, {@code 12s}. */
    public static String duration(long seconds) {
        long d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        if (d > 0) {
            return d + "d " + h + "h";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        return m > 0 ? m + "m " + s + "s" : s + "s";
    }
}
