package org.pyrolab.driver.sim;

/** A change at constant speed, such as a laser's continuous wavelength sweep. */
record LinearSweep(double from, double to, double speed) implements Trajectory {

    LinearSweep {
        Range.positive("sweep speed", speed, "units/s");
    }

    @Override
    public double duration() {
        return Math.abs(to - from) / speed;
    }

    @Override
    public double valueAt(double t) {
        if (t >= duration()) {
            return to;
        }
        return from + Math.signum(to - from) * speed * Math.max(t, 0);
    }
}
