package org.pyrolab.remote.expose;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.pyrolab.api.Caller;
import org.pyrolab.api.Expose;

/** The object the end-to-end tests serve. */
public class TestInstrument {

    public record Reading(String unit, double value, List<Integer> raw) {
    }

    private volatile double value = 42;
    private volatile String lastOneway;
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
    public String greet(String name, String greeting) {
        return (greeting == null ? "hello" : greeting) + ", " + name;
    }

    @Expose
    public void fail() {
        throw new IllegalArgumentException("bad value");
    }

    @Expose
    public void crash() {
        throw new IllegalStateException("laser overheated");
    }

    @Expose(oneway = true)
    public void fire(String msg) {
        lastOneway = msg;
        fired.countDown();
    }

    @Expose
    public String lastOneway() {
        return lastOneway;
    }

    @Expose
    public double getValue() {
        return value;
    }

    @Expose
    public void setValue(double v) {
        value = v;
    }

    @Expose
    public String whoami(Caller caller, String suffix) {
        return caller.user() + "@" + caller.host() + suffix;
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
    public Map<String, Object> types() {
        return Map.of("char", 'x', "float", 0.1f, "set", Set.of("a"), "emoji", "\uD83D\uDE00", "tuple", new Object[] {1, "two"});
    }

    /** Not exposed. */
    public String hidden() {
        return "secret";
    }
}
