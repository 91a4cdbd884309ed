package org.pyrolab.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How experiment code sees {@link Bench}: the experimenter's own interface. */
public interface BenchApi extends Instrument {

    enum Mode { SLOW, FAST }

    String echo(String x);

    int[] echo(int[] x);

    Optional<String> echo(Optional<String> x);

    Set<Long> echo(Set<Long> x);

    int add(int a, int b);

    long big();

    String delayed_echo(String x, double seconds);

    void fail();

    double getWavelength();

    void setWavelength(double nm);

    boolean isOn();

    void setOn(boolean on);

    byte[] reverse(byte[] data);

    Bench.Reading reading();

    double total(Bench.Reading r);

    List<String> names();

    Map<String, Double> powers();

    Mode mode();

    double nan();

    @Oneway
    void fire(String msg);

    String last();

    String whoami();

    /** Default methods run locally and may call the remote ones. */
    default int twice(int x) {
        return add(x, x);
    }
}
