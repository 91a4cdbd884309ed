package org.pyrolab.driver.sim;

/** How a simulated quantity (a position, a wavelength) goes from one value to another over time. */
interface Trajectory {

    /** The value it ends at. */
    double to();

    /** How long it takes, in seconds. */
    double duration();

    /** The value {@code t} seconds after it started; the end value once it is over. */
    double valueAt(double t);
}
