package org.pyrolab.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.pyrolab.api.Caller;
import org.pyrolab.api.Expose;

/** The driver-side object the tests serve: a stand-in for a real driver such as sim.laser. */
public class Bench {

    /** Sent as a dict; the client gets it back as the same record. */
    public record Reading(String unit, double value, List<Integer> raw) {
    }

    private volatile double wavelength = 1550.0;
    private volatile boolean on;
    private volatile String last;
    final CountDownLatch fired = new CountDownLatch(1);

    @Expose
    public Object echo(Object x) {
        return x;
    }

    @Expose
    public int add(int a, int b) {
        return a + b;
    }

    @Expose
    public long big() {
        return 1L << 40;
    }

    @Expose
    public Object delayed_echo(Object x, double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
        return x;
    }

    @Expose
    public void fail() {
        throw new IllegalArgumentException("bad value");
    }

    @Expose
    public double getWavelength() {
        return wavelength;
    }

    @Expose
    public void setWavelength(double nm) {
        if (nm < 1000 || nm > 2000) {
            throw new IllegalArgumentException("wavelength out of range: " + nm);
        }
        wavelength = nm;
    }

    @Expose
    public boolean isOn() {
        return on;
    }

    @Expose
    public void setOn(boolean on) {
        this.on = on;
    }

    @Expose
    public byte[] reverse(byte[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[data.length - 1 - i];
        }
        return out;
    }

    @Expose
    public Reading reading() {
        return new Reading("mW", 1.5, List.of(1, 2, 3));
    }

    @Expose
    public double total(Reading r) {
        return r.value() * r.raw().size();
    }

    @Expose
    public List<String> names() {
        return List.of("a", "b");
    }

    @Expose
    public Map<String, Double> powers() {
        return Map.of("ch1", 0.5, "ch2", 2.0);
    }

    @Expose
    public String mode() {
        return "fast";
    }

    @Expose
    public double nan() {
        return Double.NaN;
    }

    @Expose(oneway = true)
    public void fire(String msg) {
        last = msg;
        fired.countDown();
    }

    @Expose
    public String last() {
        return last;
    }

    @Expose
    public String whoami(Caller caller) {
        return caller.user();
    }
}
