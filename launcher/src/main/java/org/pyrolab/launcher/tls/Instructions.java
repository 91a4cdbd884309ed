package org.pyrolab.launcher.tls;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@code tls init} prints: the files, the configuration lines, and the lines of a Python (Pyro5) script. */
final class Instructions {

    private Instructions() {
    }

    static void print(PrintStream out, TlsFolder folder, boolean caKept, List<String> names, Map<String, Path[]> clients) {
        out.println((caKept ? "Kept the lab CA " : "Made a lab CA ") + folder.caCert() + " (its key " + folder.caKey()
                + " signs certificates: keep it on this computer only).");
        out.println(names == null ? "Kept the server certificate " + folder.serverCert() + " (`--host NAME` makes a new one)."
                : "Server certificate " + folder.serverCert() + " (key " + folder.serverKey() + ") for " + String.join(", ", names) + ".");
        clients.forEach((name, files) -> out.println("Client certificate `" + name + "` " + files[0] + " (key " + files[1] + ")."));
        out.println();
        out.println("In the configuration, under an endpoint (daemons:) or a nameserver (nameservers:):");
        out.println("    tls:");
        out.println("      cert: " + folder.serverCert());
        out.println("      key: " + folder.serverKey());
        out.println("      ca: " + folder.caCert());
        out.println("      require_client_cert: " + !clients.isEmpty() + (clients.isEmpty()
                ? "   # true: only clients with a certificate from this CA (tls init --client NAME)" : "   # only clients with a certificate from this CA"));
        out.println();
        out.println("In a Python script (Pyro5), before the first proxy; copy " + folder.caCert().getFileName()
                + (clients.isEmpty() ? "" : " and the client's two files") + " to the computer it runs on:");
        out.println("    import Pyro5.api");
        out.println("    Pyro5.config.SSL = True");
        out.println("    Pyro5.config.SSL_CACERTS = \"" + folder.caCert() + "\"");
        Map.Entry<String, Path[]> first = clients.entrySet().stream().findFirst().orElse(null);
        if (first != null) {
            out.println("    Pyro5.config.SSL_CLIENTCERT = \"" + first.getValue()[0] + "\"");
            out.println("    Pyro5.config.SSL_CLIENTKEY = \"" + first.getValue()[1] + "\"");
        }
        out.println();
        out.println("URIs stay PYRO:name@host:port; a client must reach this computer by a name or address in its certificate"
                + " (`tls init --host NAME` adds one).");
    }
}
