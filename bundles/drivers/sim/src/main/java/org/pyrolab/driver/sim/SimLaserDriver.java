package org.pyrolab.driver.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;
import org.pyrolab.api.Expose;

/**
 * A simulated tunable laser in the manner of a Santec TSL-550: output on/off, wavelength, power in
 * mW or dBm, and continuous wavelength sweeps that take real time. Values outside the configured
 * limits are refused, never clamped, as the instrument does.
 */
@Component(factory = Driver.FACTORY)
@DriverType(id = "sim.laser", description = "Simulated tunable laser (Santec TSL-550 style)", parameters = SimLaserDriver.Parameters.class)
public class SimLaserDriver implements Driver {

    /** The parameters of {@code sim.laser}. */
    public @interface Parameters {
        /** The shortest wavelength in nm. */
        double min_wavelength() default 1500.0;

        /** The longest wavelength in nm. */
        double max_wavelength() default 1630.0;

        /** The lowest output power in mW. */
        double min_power_mw() default 0.01;

        /** The highest output power in mW. */
        double max_power_mw() default 10.0;

        /** The fastest sweep in nm/s. */
        double max_sweep_speed() default 100.0;
    }

    private static final double START_WAVELENGTH = 1550.0;
    private static final double START_POWER_MW = 1.0;

    private final double minWavelength;
    private final double maxWavelength;
    private final double minPowerMw;
    private final double maxPowerMw;
    private final double maxSweepSpeed;
    private final Motion wavelength;

    private boolean on;
    private double powerMw;

    @Activate
    public SimLaserDriver(Parameters parameters) {
        this(parameters, SimClock.SYSTEM);
    }

    SimLaserDriver(Parameters parameters, SimClock clock) {
        minWavelength = parameters.min_wavelength();
        maxWavelength = parameters.max_wavelength();
        minPowerMw = parameters.min_power_mw();
        maxPowerMw = parameters.max_power_mw();
        maxSweepSpeed = parameters.max_sweep_speed();
        Range.positive("min_wavelength", minWavelength, "nm");
        Range.positive("min_power_mw", minPowerMw, "mW");
        Range.positive("max_sweep_speed", maxSweepSpeed, "nm/s");
        if (!(minWavelength < maxWavelength) || !(minPowerMw < maxPowerMw)) {
            throw new IllegalArgumentException("min_wavelength and min_power_mw must be below max_wavelength and max_power_mw");
        }
        double start = START_WAVELENGTH >= minWavelength && START_WAVELENGTH <= maxWavelength ? START_WAVELENGTH : minWavelength;
        wavelength = new Motion(clock, this, start, "a wavelength sweep", "nm", "call sweep_stop() or sweep_wait() first");
        powerMw = Math.min(Math.max(START_POWER_MW, minPowerMw), maxPowerMw);
    }

    @Override
    public void connect(DriverContext context) {
        context.logger().log(System.Logger.Level.INFO, "simulated laser {0} ready, {1} to {2} nm",
                context.serviceName(), minWavelength, maxWavelength);
    }

    @Override
    public void close() {
        off();
    }

    @Expose
    public synchronized void on() {
        on = true;
    }

    /** Turns the output off; a running sweep stops where it is. */
    @Expose
    public synchronized void off() {
        wavelength.stop();
        on = false;
    }

    @Expose
    public synchronized boolean is_on() {
        return on;
    }

    /** The wavelength in nm, also during a sweep. */
    @Expose
    public synchronized double getWavelength() {
        return wavelength.value();
    }

    @Expose
    public synchronized void setWavelength(double nm) {
        Range.between("wavelength", nm, minWavelength, maxWavelength, "nm");
        wavelength.set(nm);
    }

    /** The output power in mW. */
    @Expose
    public synchronized double getPower_mw() {
        return powerMw;
    }

    @Expose
    public synchronized void setPower_mw(double mw) {
        Range.between("power", mw, minPowerMw, maxPowerMw, "mW");
        powerMw = mw;
    }

    /** The output power in dBm (0 dBm = 1 mW). */
    @Expose
    public synchronized double getPower_dbm() {
        return toDbm(powerMw);
    }

    @Expose
    public synchronized void setPower_dbm(double dbm) {
        Range.between("power", dbm, toDbm(minPowerMw), toDbm(maxPowerMw), "dBm");
        powerMw = Math.pow(10, dbm / 10);
    }

    /**
     * Jumps to {@code start} and sweeps continuously to {@code stop} at {@code speed} nm/s. Returns
     * at once with the time the sweep takes, in seconds.
     */
    @Expose
    public synchronized double sweep(double start, double stop, double speed) {
        Range.between("sweep start", start, minWavelength, maxWavelength, "nm");
        Range.between("sweep stop", stop, minWavelength, maxWavelength, "nm");
        Range.positiveUpTo("sweep speed", speed, maxSweepSpeed, "nm/s");
        if (start == stop) {
            throw new IllegalArgumentException("sweep start and stop are both " + start + " nm; a sweep needs two different wavelengths");
        }
        if (!on) {
            throw new IllegalStateException("the laser output is off; call on() before sweeping");
        }
        wavelength.set(start);
        Trajectory sweep = new LinearSweep(start, stop, speed);
        wavelength.start(sweep);
        return sweep.duration();
    }

    /** Stops a running sweep at the wavelength reached. */
    @Expose
    public synchronized void sweep_stop() {
        wavelength.stop();
    }

    /**
     * Waits until the running sweep ends, or is stopped, and returns the wavelength in nm.
     *
     * @param timeout the longest wait in seconds
     */
    @Expose
    public synchronized double sweep_wait(double timeout) throws InterruptedException, TimeoutException {
        return wavelength.await(timeout);
    }

    @Expose
    public synchronized boolean is_sweeping() {
        return wavelength.isRunning();
    }

    /** Everything at a glance: output, wavelength_nm, power_mw, power_dbm, sweeping. */
    @Expose
    public synchronized Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("output", on);
        status.put("wavelength_nm", wavelength.value());
        status.put("power_mw", powerMw);
        status.put("power_dbm", toDbm(powerMw));
        status.put("sweeping", wavelength.isRunning());
        return status;
    }

    private static double toDbm(double mw) {
        return 10 * Math.log10(mw);
    }

    @Override
    public String toString() {
        return "SimLaserDriver[" + minWavelength + " to " + maxWavelength + " nm]";
    }
}
