package org.pyrolab.driver.scpi.b2900;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;
import org.pyrolab.api.Expose;
import org.pyrolab.driver.scpi.ScpiConnection;
import org.pyrolab.driver.scpi.ScpiError;
import org.pyrolab.driver.scpi.ScpiException;

/**
 * A Keysight B2900-series source-measure unit (B2901A to B2912A, channel 1) over SCPI on its
 * socket port. With {@code simulate: true} it starts the B2900 simulator (the bundle
 * {@code org.pyrolab.driver.scpi.sim}, an optional import) on a free loopback port and talks to
 * that over TCP, so everything but the hardware is exercised.
 */
@Component(factory = Driver.FACTORY)
@DriverType(id = "scpi.b2900", description = "Keysight B2900-series source-measure unit (SCPI over TCP)", parameters = B2900Driver.Parameters.class)
public class B2900Driver implements Driver {

    /** The parameters of {@code scpi.b2900}. */
    public @interface Parameters {
        /** The instrument's host name or IP address. */
        String host() default "127.0.0.1";

        /** The instrument's SCPI socket port. */
        int port() default 5025;

        /** How long to wait for the instrument to connect or answer, in milliseconds. */
        int timeout_ms() default 2000;

        /** Talk to the B2900 simulator (its bundle must be installed) instead of an instrument; host and port are then ignored. */
        boolean simulate() default false;
    }

    private static final Pattern B2900_MODEL = Pattern.compile("B29\\d\\d[A-Z]?");

    private final String host;
    private final int port;
    private final Duration timeout;
    private final boolean simulate;
    private volatile ScpiConnection scpi;
    private volatile Closeable simulator;

    @Activate
    public B2900Driver(Parameters parameters) {
        host = parameters.host();
        port = parameters.port();
        simulate = parameters.simulate();
        if (parameters.timeout_ms() <= 0) {
            throw new IllegalArgumentException("timeout_ms must be positive, not " + parameters.timeout_ms());
        }
        timeout = Duration.ofMillis(parameters.timeout_ms());
    }

    @Override
    public void connect(DriverContext context) throws IOException {
        if (simulate) {
            SimulatedB2900.require(B2900Driver.class.getClassLoader());
            SimulatedB2900.Running running = SimulatedB2900.start();
            simulator = running.simulator();
            scpi = new ScpiConnection(running.host(), running.port(), timeout, timeout);
        } else {
            scpi = new ScpiConnection(host, port, timeout, timeout);
        }
        String identity = identify();
        String[] fields = identity.split(",");
        if (fields.length < 2 || !B2900_MODEL.matcher(fields[1].trim()).matches()) {
            throw new IllegalStateException("the instrument at " + scpi.address() + " says it is '" + identity
                    + "', not a Keysight B2900; check host and port");
        }
        scpi.command("*CLS");
        context.logger().log(System.Logger.Level.INFO, "{0}: connected to {1} at {2}{3}", context.serviceName(),
                identity, scpi.address(), simulate ? " (simulated)" : "");
    }

    @Override
    public void ping() throws IOException {
        ScpiConnection connection = connection();
        if (!connection.queryBoolean("*OPC?")) {
            throw new IllegalStateException("the instrument at " + connection.address() + " reports operations still pending");
        }
    }

    @Override
    public void close() {
        ScpiConnection connection = scpi;
        if (connection != null) {
            connection.close();
        }
        Closeable running = simulator;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                // the simulator's close does not throw; Closeable only says it may
            }
        }
    }

    /** The instrument's {@code *IDN?}: maker, model, serial number, firmware. */
    @Expose
    public String identify() throws ScpiException {
        return connection().query("*IDN?");
    }

    /** Restores the power-on settings ({@code *RST}): output off, 0 V source. */
    @Expose
    public void reset() throws ScpiException {
        connection().execute("*RST");
    }

    /** Sources a voltage, in V. */
    @Expose
    public void source_voltage(double volts) throws ScpiException {
        connection().execute(":SOUR:FUNC:MODE VOLT;:SOUR:VOLT " + number("volts", volts));
    }

    /** Sources a current, in A. */
    @Expose
    public void source_current(double amps) throws ScpiException {
        connection().execute(":SOUR:FUNC:MODE CURR;:SOUR:CURR " + number("amps", amps));
    }

    /** The current limit in A while sourcing voltage. */
    @Expose
    public double getCurrent_compliance() throws ScpiException {
        return connection().queryDouble(":SENS:CURR:PROT?");
    }

    @Expose
    public void setCurrent_compliance(double amps) throws ScpiException {
        connection().execute(":SENS:CURR:PROT " + number("amps", amps));
    }

    /** The voltage limit in V while sourcing current. */
    @Expose
    public double getVoltage_compliance() throws ScpiException {
        return connection().queryDouble(":SENS:VOLT:PROT?");
    }

    @Expose
    public void setVoltage_compliance(double volts) throws ScpiException {
        connection().execute(":SENS:VOLT:PROT " + number("volts", volts));
    }

    @Expose
    public void output_on() throws ScpiException {
        connection().execute(":OUTP ON");
    }

    @Expose
    public void output_off() throws ScpiException {
        connection().execute(":OUTP OFF");
    }

    @Expose
    public boolean is_output_on() throws ScpiException {
        return connection().queryBoolean(":OUTP?");
    }

    /** A spot measurement of the voltage, in V. */
    @Expose
    public double measure_voltage() throws ScpiException {
        return connection().queryDouble(":MEAS:VOLT?");
    }

    /** A spot measurement of the current, in A. */
    @Expose
    public double measure_current() throws ScpiException {
        return connection().queryDouble(":MEAS:CURR?");
    }

    /** Empties the instrument's error queue and returns what it held, such as {@code -113,"Undefined header"}. */
    @Expose
    public List<String> errors() throws ScpiException {
        return connection().readErrors().stream().map(ScpiError::toString).collect(Collectors.toList());
    }

    private ScpiConnection connection() {
        ScpiConnection connection = scpi;
        if (connection == null) {
            throw new IllegalStateException("the B2900 is not connected; start the service first");
        }
        return connection;
    }

    private static String number(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, not " + value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return "B2900Driver[" + (simulate ? "simulated" : host + ":" + port) + "]";
    }
}
