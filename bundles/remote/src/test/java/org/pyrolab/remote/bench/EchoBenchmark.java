package org.pyrolab.remote.bench;

import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.remote.expose.ExposedObjects;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.Expose;
import org.pyrolab.pyro5.ns.MemoryNameStore;
import org.pyrolab.pyro5.ns.NameServerConfig;
import org.pyrolab.pyro5.ns.NameServerHost;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.remote.expose.Targets;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;

/**
 * Pyrolite clients against a PyroServer over loopback: one client's echo calls/s with p50/p99,
 * eight concurrent clients' total calls/s, and new connection + name server lookup p50.
 * Usage: {@code EchoBenchmark [callsPerClient]} (run by bench/pyro-echo.sh).
 */
public final class EchoBenchmark {

    public static final class Echo {
        @Expose
        public Object echo(Object x) {
            return x;
        }
    }

    /**
     * {@code [CALLS]} measures a server in this JVM; {@code [CALLS] --ns PORT --name NAME} measures
     * a running daemon's service through its nameserver on 127.0.0.1:PORT; with
     * {@code --stall N} it first opens N connections to the service's endpoint that each announce
     * a 16 MiB message and stall, and measures one client while they hang on.
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 50_000;
        int nsPort = option(args, "--ns", -1);
        if (nsPort > 0) {
            String name = args[java.util.Arrays.asList(args).indexOf("--name") + 1];
            NameServerProxy ns = new NameServerProxy("127.0.0.1", nsPort);
            String uri;
            try {
                net.razorvine.pyro.PyroURI found = ns.lookup(name);
                uri = "PYRO:" + found.objectid + "@" + found.host + ":" + found.port;
                int stall = option(args, "--stall", 0);
                if (stall > 0) {
                    underStall(found.host, found.port, uri, calls, stall);
                    return;
                }
            } finally {
                ns.close();
            }
            measure(uri, nsPort, name, calls);
            return;
        }
        Targets targets = new Targets();
        targets.add("bench.echo", new Echo());
        try (PyroServer server = new PyroServer(PyroServerConfig.defaults(), new ExposedObjects(targets, new LockManager(LockManager.DEFAULT_LEASE)));
             NameServerHost ns = new NameServerHost(NameServerConfig.defaults()
                     .withServer(PyroServerConfig.defaults().withPort(0)).withProbeTimeout(Duration.ofMillis(500)),
                     new MemoryNameStore())) {
            server.start();
            ns.start();
            ns.nameServer().register("bench.echo", server.uri("bench.echo").toString(), false, null, false);
            measure(server.uri("bench.echo").toString(), ns.server().port(), "bench.echo", calls);
        }
    }

    private static int option(String[] args, String name, int fallback) {
        int i = java.util.Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }

    private static void measure(String uri, int nsPort, String name, int calls) throws Exception {
        oneClient(uri, calls / 5); // warm-up
        long[] lat = oneClient(uri, calls);
        double seconds = Arrays.stream(lat).sum() / 1e9;
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "one client: %d calls, %.0f calls/s, p50 %.1f us, p99 %.1f us%n",
                calls, calls / seconds, pct(lat, 50) / 1e3, pct(lat, 99) / 1e3);

        eightClients(uri, calls / 8); // warm-up
        long t0 = System.nanoTime();
        int total = eightClients(uri, calls);
        double s8 = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "eight clients: %d calls, %.0f calls/s total%n", total, total / s8);

        lookups(nsPort, name, 200); // warm-up
        long[] lk = lookups(nsPort, name, 2000);
        Arrays.sort(lk);
        System.out.printf(Locale.ROOT, "connect + lookup: %d rounds, p50 %.1f us, p99 %.1f us%n",
                lk.length, pct(lk, 50) / 1e3, pct(lk, 99) / 1e3);
    }

    /** One client's latency while {@code n} connections each hold a stalled 16 MiB message. */
    private static void underStall(String host, int port, String uri, int calls, int n) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Socket s = new Socket(host, port);
                stalled.add(s);
                ByteBuffer h = ByteBuffer.allocate(40);
                h.put("PYRO".getBytes(StandardCharsets.US_ASCII)).putShort((short) 502).put((byte) 1).put((byte) 1);
                h.putShort((short) 0).putShort((short) 0).putInt(16 << 20).putInt(0).put(new byte[16]);
                h.putShort((short) 0).putShort((short) 0x4dc5);
                s.getOutputStream().write(h.array());
                s.getOutputStream().write(new byte[100]);
            }
            oneClient(uri, calls / 5); // warm-up
            long[] lat = oneClient(uri, calls);
            double seconds = Arrays.stream(lat).sum() / 1e9;
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "one client, %d stalled connections: %d calls, %.0f calls/s, p50 %.1f us, p99 %.1f us%n",
                    n, calls, calls / seconds, pct(lat, 50) / 1e3, pct(lat, 99) / 1e3);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static long[] oneClient(String uri, int calls) throws Exception {
        long[] lat = new long[calls];
        PyroProxy p = new PyroProxy(new PyroURI(uri));
        try {
            p.call("echo", "hello");
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                p.call("echo", "hello");
                lat[i] = System.nanoTime() - t;
            }
        } finally {
            p.close();
        }
        return lat;
    }

    private static int eightClients(String uri, int callsPerClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                done.add(pool.submit(() -> {
                    PyroProxy p = new PyroProxy(new PyroURI(uri));
                    try {
                        for (int i = 0; i < callsPerClient; i++) {
                            p.call("echo", "hello");
                        }
                    } finally {
                        p.close();
                    }
                    return callsPerClient;
                }));
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

    private static long[] lookups(int port, String name, int rounds) throws Exception {
        long[] lat = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            NameServerProxy ns = new NameServerProxy("127.0.0.1", port);
            try {
                ns.lookup(name);
            } finally {
                ns.close();
            }
            lat[i] = System.nanoTime() - t;
        }
        return lat;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
