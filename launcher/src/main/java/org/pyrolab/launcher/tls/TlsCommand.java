package org.pyrolab.launcher.tls;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.pyrolab.control.ExitCode;

/**
 * {@code pyrolab tls init}: a lab CA, a server certificate for this computer and client
 * certificates on request, in one owner-only folder, and the lines a configuration and a Python
 * script need. Runs in the command's JVM, daemon or not. An existing CA is kept (new
 * certificates are signed by it) unless {@code --force}: replacing it would make every
 * certificate handed out before stop working.
 */
public final class TlsCommand {

    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String USAGE = "usage: pyrolab tls init [--host NAME]... [--client NAME]... [--dir DIR] [--force]";

    private TlsCommand() {
    }

    /** Exit code as the other commands; bad usage and failures are one sentence in an {@link IllegalArgumentException} or IOException. */
    public static int run(Path dataFolder, List<String> args, PrintStream out) throws IOException {
        if (args.isEmpty() || !args.get(0).equals("init")) {
            throw new UsageException(args.isEmpty() ? "say what to do: " + USAGE : "unknown `tls " + args.get(0) + "`; " + USAGE);
        }
        List<String> hosts = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        Path dir = dataFolder.resolve("tls");
        boolean force = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--host" -> hosts.add(value(args, ++i, a));
                case "--client" -> {
                    String name = value(args, ++i, a);
                    if (!CLIENT_NAME.matcher(name).matches()) {
                        throw new UsageException("`--client " + name + "`: a client name is letters, digits, `.`, `_` and `-`, as `--client alice`");
                    }
                    clients.add(name);
                }
                case "--dir" -> dir = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--force" -> force = true;
                default -> throw new UsageException("unknown option `" + a + "`; " + USAGE);
            }
        }
        try {
            init(new TlsFolder(dir), hosts, clients, force, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the certificates: " + e.getMessage(), e);
        }
        return ExitCode.OK;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args.get(i);
    }

    private static void init(TlsFolder folder, List<String> hosts, List<String> clients, boolean force, PrintStream out)
            throws IOException, GeneralSecurityException {
        folder.create();
        LabCa ca;
        boolean kept = !force && Files.exists(folder.caCert());
        if (kept) {
            if (!Files.exists(folder.caKey())) {
                throw new IOException("there is " + folder.caCert() + " but not its key " + folder.caKey()
                        + "; restore the key, or run `pyrolab tls init --force` to make a new CA (certificates it signed stop working)");
            }
            ca = LabCa.load(folder.caCert(), folder.caKey());
        } else {
            ca = LabCa.create("PyroLab lab CA " + shortName());
            folder.writeKey(folder.caKey(), LabCa.pem(ca.key));
            folder.writeCert(folder.caCert(), LabCa.pem(ca.cert));
        }
        // a run that only adds clients keeps the server certificate (and the names an earlier --host put in)
        List<String> names = null;
        if (!kept || !hosts.isEmpty() || !Files.exists(folder.serverCert())) {
            names = new ArrayList<>(HostNames.ofThisComputer(hosts));
            LabCa.Issued server = ca.issue(shortName(), names, true);
            folder.writeKey(folder.serverKey(), LabCa.pem(server.key()));
            folder.writeCert(folder.serverCert(), LabCa.pem(server.cert()));
        }
        Map<String, Path[]> issued = new LinkedHashMap<>();
        for (String client : clients) {
            LabCa.Issued c = ca.issue(client, List.of(), false);
            folder.writeKey(folder.clientKey(client), LabCa.pem(c.key()));
            folder.writeCert(folder.clientCert(client), LabCa.pem(c.cert()));
            issued.put(client, new Path[] {folder.clientCert(client), folder.clientKey(client)});
        }
        Instructions.print(out, folder, kept, names, issued);
    }

    private static String shortName() {
        try {
            String n = java.net.InetAddress.getLocalHost().getHostName();
            return n.isBlank() ? "localhost" : n;
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Bad usage: exit 2. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
