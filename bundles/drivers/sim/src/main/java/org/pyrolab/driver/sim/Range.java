package org.pyrolab.driver.sim;

/** Refuses values outside what the simulated instrument accepts, saying what it accepts. */
final class Range {

    private Range() {
    }

    static void between(String what, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " " + value + " " + unit + " is out of range: it must be between "
                    + min + " and " + max + " " + unit);
        }
    }

    static void positiveUpTo(String what, double value, double max, String unit) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException(what + " " + value + " " + unit + " is out of range: it must be above 0 and at most "
                    + max + " " + unit);
        }
    }

    static void positive(String what, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number of " + unit + ", not " + value);
        }
    }
}
