package org.pyrolab.driver.scpi;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.pyrolab.sim.scpi.B2900Simulator;

/**
 * Times SCPI query round trips from {@link ScpiConnection} to the B2900 simulator over loopback
 * and prints the percentiles. Run by {@code bench/scpi-roundtrip.sh}; arguments
 * {@code [--count N] [--warmup N]}.
 */
public final class ScpiRoundTripBenchmark {

    private static final String[] QUERIES = {"*IDN?", ":MEAS:CURR?"};

    private ScpiRoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = intArgument(args, "--count", 50_000);
        int warmup = intArgument(args, "--warmup", 20_000);
        System.out.printf(Locale.ROOT, "SCPI query round trips to the B2900 simulator over loopback: %d timed after %d warm-up, Java %s, %d CPUs%n",
                count, warmup, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try (B2900Simulator simulator = B2900Simulator.start(0);
             ScpiConnection scpi = new ScpiConnection(simulator.host(), simulator.port(), Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            scpi.execute(":SOUR:VOLT 1;:OUTP ON");
            for (String query : QUERIES) {
                run(scpi, query, warmup);
                print(query, run(scpi, query, count));
            }
        }
    }

    private static long[] run(ScpiConnection scpi, String query, int count) throws ScpiException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            scpi.query(query);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void print(String query, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-12s p50 %7.1f us   p90 %7.1f us   p99 %7.1f us   max %8.1f us%n", query,
                percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99), nanos[nanos.length - 1] / 1e3);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(index, 0)] / 1e3;
    }

    private static int intArgument(String[] args, String name, int defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
