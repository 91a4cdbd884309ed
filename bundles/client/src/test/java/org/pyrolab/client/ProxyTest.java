package org.pyrolab.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Typed calls, attributes, value conversion and remote errors through one proxy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyTest {

    /** Declares a method the service does not have. */
    public interface Wrong {
        void self_destruct();

        double getVoltage();
    }

    /** A subset of the service, not extending Instrument. */
    public interface Narrow {
        int add(int a, int b);
    }

    private LabFixture fixture;
    private Lab lab;
    private BenchApi bench;

    @BeforeEach
    void start() throws Exception {
        fixture = new LabFixture();
        lab = fixture.lab();
        bench = lab.proxy(LabFixture.NAME, BenchApi.class);
    }

    @AfterEach
    void stop() {
        bench.close();
        lab.close();
        fixture.close();
    }

    @Test
    void callsMethodsByName() {
        assertEquals(5, bench.add(2, 3));
        assertEquals("hi", bench.echo("hi"));
        assertEquals("later", bench.delayed_echo("later", 0.01));
        assertEquals(1L << 40, bench.big());
        assertEquals(8, bench.twice(4));
    }

    @Test
    void convertsResultsToDeclaredTypes() {
        assertArrayEquals(new int[] {1, 2, 3}, bench.echo(new int[] {1, 2, 3}));
        assertEquals(Set.of(1L, 2L), bench.echo(Set.of(1L, 2L)));
        assertEquals(Optional.of("x"), bench.echo(Optional.of("x")));
        assertEquals(Optional.empty(), bench.echo(Optional.<String>empty()));
        assertArrayEquals(new byte[] {3, 2, 1, 0, -1}, bench.reverse(new byte[] {-1, 0, 1, 2, 3}));
        assertEquals(new Bench.Reading("mW", 1.5, List.of(1, 2, 3)), bench.reading());
        assertEquals(3.0, bench.total(new Bench.Reading("mW", 1.0, List.of(7, 8, 9))));
        assertEquals(List.of("a", "b"), bench.names());
        assertEquals(Map.of("ch1", 0.5, "ch2", 2.0), bench.powers());
        assertEquals(BenchApi.Mode.FAST, bench.mode());
        assertTrue(Double.isNaN(bench.nan()));
    }

    @Test
    void gettersAndSettersAreAttributes() {
        assertEquals(1550.0, bench.getWavelength());
        bench.setWavelength(1310.0);
        assertEquals(1310.0, bench.getWavelength());
        assertFalse(bench.isOn());
        bench.setOn(true);
        assertTrue(bench.isOn());
    }

    @Test
    void remoteErrorsCarryTypeMessageAndTraceback() {
        RemoteException e = assertThrows(RemoteException.class, bench::fail);
        assertEquals("builtins.ValueError", e.type());
        assertEquals("bad value", e.remoteMessage());
        assertEquals("ValueError: bad value", e.getMessage());
        assertTrue(e.remoteTraceback().contains("Bench.fail"), e.remoteTraceback());

        e = assertThrows(RemoteException.class, () -> bench.setWavelength(5.0));
        assertTrue(e.remoteMessage().contains("out of range"), e.getMessage());
        assertEquals(1550.0, bench.getWavelength()); // the proxy keeps working
    }

    @Test
    void aResultOfTheWrongTypeNamesBoth() {
        WrongResult wrong = Lab.connect(bench.uri(), WrongResult.class);
        try {
            ClassCastException e = assertThrows(ClassCastException.class, () -> wrong.add(1, 2));
            assertTrue(e.getMessage().contains("lab.bench.add"), e.getMessage());
        } finally {
            ((Instrument) wrong).close();
        }
    }

    /** add returns an int; declaring a String is a mistake the client reports. */
    public interface WrongResult {
        String add(int a, int b);
    }

    @Test
    void onewayCallsDoNotWait() throws Exception {
        bench.fire("boom");
        assertTrue(fixture.bench.fired.await(5, TimeUnit.SECONDS));
        assertEquals("boom", bench.last());
    }

    @Test
    void anInterfaceTheServiceDoesNotMatchIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lab.proxy(LabFixture.NAME, Wrong.class));
        assertTrue(e.getMessage().contains("self_destruct"), e.getMessage());
        assertTrue(e.getMessage().contains("getVoltage"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lab.proxy(LabFixture.NAME, String.class));
    }

    @Test
    void everyProxyIsAnInstrument() {
        Narrow narrow = lab.proxy(LabFixture.NAME, Narrow.class);
        try {
            assertEquals(3, narrow.add(1, 2));
            Instrument instrument = (Instrument) narrow;
            instrument.ping();
            assertEquals(lab.lookup(LabFixture.NAME), instrument.uri());
            assertEquals(7, instrument.call("add", 3, 4));
            assertTrue(narrow.toString().contains(LabFixture.NAME), narrow.toString());
        } finally {
            ((Instrument) narrow).close();
        }
    }

    @Test
    void pingAndClose() {
        bench.ping();
        bench.close();
        assertThrows(IllegalStateException.class, () -> bench.add(1, 2));
        assertThrows(IllegalStateException.class, bench::ping);
        bench.close(); // closing twice is harmless
    }

    @Test
    void oneProxyServesManyThreads() throws Exception {
        Thread[] threads = new Thread[8];
        int[] wrong = new int[1];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 1000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    if (bench.add(base, i) != base + i) {
                        synchronized (wrong) {
                            wrong[0]++;
                        }
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrong[0]);
    }
}
