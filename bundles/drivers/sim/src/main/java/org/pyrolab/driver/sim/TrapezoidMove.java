package org.pyrolab.driver.sim;

/**
 * A point-to-point move with a trapezoidal velocity profile: accelerate to the velocity, cruise,
 * decelerate. Short moves never reach the velocity and make a triangle instead.
 */
record TrapezoidMove(double from, double to, double velocity, double acceleration) implements Trajectory {

    TrapezoidMove {
        if (!(velocity > 0) || !(acceleration > 0)) {
            throw new IllegalArgumentException("a move needs a positive velocity and acceleration");
        }
    }

    @Override
    public double duration() {
        double distance = Math.abs(to - from);
        if (distance < rampDistance() * 2) {
            return 2 * Math.sqrt(distance / acceleration);
        }
        return 2 * rampTime() + (distance - 2 * rampDistance()) / velocity;
    }

    @Override
    public double valueAt(double t) {
        double total = duration();
        if (t <= 0) {
            return from;
        }
        if (t >= total) {
            return to;
        }
        return from + Math.signum(to - from) * distanceAt(t, total);
    }

    private double distanceAt(double t, double total) {
        double distance = Math.abs(to - from);
        double ramp = Math.min(rampTime(), total / 2);
        double peak = acceleration * ramp;
        if (t < ramp) {
            return acceleration * t * t / 2;
        }
        if (t <= total - ramp) {
            return acceleration * ramp * ramp / 2 + peak * (t - ramp);
        }
        double left = total - t;
        return distance - acceleration * left * left / 2;
    }

    private double rampTime() {
        return velocity / acceleration;
    }

    private double rampDistance() {
        return velocity * velocity / (2 * acceleration);
    }
}
