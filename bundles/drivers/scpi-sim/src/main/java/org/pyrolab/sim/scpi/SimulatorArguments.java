package org.pyrolab.sim.scpi;

import java.util.List;

/** The command line of a simulator's main: {@code [--port N]} and {@code --help}. */
final class SimulatorArguments {

    private SimulatorArguments() {
    }

    static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    static String usage(int defaultPort) {
        return "usage: [--port N]   listen on 127.0.0.1:N (default " + defaultPort + ", 0 picks a free port)";
    }

    /** The port asked for, or the default; null after printing what is wrong. */
    static Integer port(String[] args, int defaultPort) {
        int port = defaultPort;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = arg.startsWith("--port=") ? arg.substring("--port=".length())
                    : arg.equals("--port") && i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                System.err.println("error: unknown argument '" + arg + "'\n" + usage(defaultPort));
                return null;
            }
            Integer parsed = parsePort(value);
            if (parsed == null) {
                return null;
            }
            port = parsed;
        }
        return port;
    }

    private static Integer parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("error: --port needs a number from 0 to 65535, not '" + text + "'");
        return null;
    }
}
