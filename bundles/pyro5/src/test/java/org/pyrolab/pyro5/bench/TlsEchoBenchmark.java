package org.pyrolab.pyro5.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;

import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.tls.TlsFiles;

/**
 * Echo calls with our {@link PyroClient} (Pyrolite cannot do TLS) against a running daemon's two
 * echo services, one behind a plain endpoint and one behind a TLS endpoint, in the same run:
 * one client's calls/s and p50/p99, eight clients' total calls/s, and connect (+ TLS handshake)
 * p50. Not a test: run by bench/pyro-echo-tls.sh.
 *
 * <p>Usage: {@code TlsEchoBenchmark CALLS NS_PORT PLAIN_NAME TLS_NAME CA [CLIENT_CERT CLIENT_KEY]}
 */
public final class TlsEchoBenchmark {

    private TlsEchoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int nsPort = Integer.parseInt(args[1]);
        Path ca = Path.of(args[4]);
        Path cert = args.length > 6 ? Path.of(args[5]) : null;
        Path key = args.length > 6 ? Path.of(args[6]) : null;
        ClientOptions plain = ClientOptions.plain(10_000);
        SSLContext context = new TlsFiles(cert, key, ca, false).client();
        ClientOptions tls = plain.withTls(context);
        PyroUri plainUri = lookup(nsPort, args[2]);
        PyroUri tlsUri = lookup(nsPort, args[3]);
        for (int round = 1; round <= 2; round++) { // alternate, so a slow moment of the machine hits both
            measure("plain round " + round, plainUri, plain, calls);
            measure("TLS   round " + round, tlsUri, tls, calls);
        }
    }

    private static PyroUri lookup(int nsPort, String name) throws Exception {
        try (PyroClient ns = new PyroClient("127.0.0.1", nsPort, "Pyro.NameServer", 10_000)) {
            return PyroUri.parse(String.valueOf(ns.call("lookup", name)));
        }
    }

    private static void measure(String label, PyroUri uri, ClientOptions options, int calls) throws Exception {
        oneClient(uri, options, calls / 5); // warm-up
        long[] lat = oneClient(uri, options, calls);
        double seconds = Arrays.stream(lat).sum() / 1e9;
        Arrays.sort(lat);
        eightClients(uri, options, calls / 8); // warm-up
        long t0 = System.nanoTime();
        int total = eightClients(uri, options, calls);
        double s8 = (System.nanoTime() - t0) / 1e9;
        long[] connects = new long[200];
        for (int i = 0; i < connects.length; i++) {
            long c0 = System.nanoTime();
            try (PyroClient c = new PyroClient(uri.host(), uri.port(), uri.object(), options)) {
                connects[i] = System.nanoTime() - c0;
            }
        }
        Arrays.sort(connects);
        System.out.printf(Locale.ROOT, "%s: one client %.0f calls/s (p50 %.1f us, p99 %.1f us); eight clients %.0f calls/s; connect p50 %.0f us%n",
                label, calls / seconds, pct(lat, 50) / 1e3, pct(lat, 99) / 1e3, total / s8, pct(connects, 50) / 1e3);
    }

    private static long[] oneClient(PyroUri uri, ClientOptions options, int calls) throws Exception {
        long[] lat = new long[calls];
        try (PyroClient c = new PyroClient(uri.host(), uri.port(), uri.object(), options)) {
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                c.call("echo", "hello");
                lat[i] = System.nanoTime() - t;
            }
        }
        return lat;
    }

    private static int eightClients(PyroUri uri, ClientOptions options, int callsEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                done.add(pool.submit(() -> oneClient(uri, options, callsEach).length));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
