package org.pyrolab.sim.scpi;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The state and command set of a simulated single-channel Keysight B2900 source-measure unit,
 * driving a resistive load: IEEE 488.2 common commands, source function and level, compliance,
 * output, spot measurements and the error queue. Compound lines ({@code A;B?}) are taken unit by
 * unit, each unit with its full header.
 */
final class B2900Instrument implements ScpiHandler {

    static final double MAX_VOLTS = 210;
    static final double MAX_AMPS = 3.03;
    private static final double DEFAULT_CURRENT_COMPLIANCE = 1e-4;
    private static final double DEFAULT_VOLTAGE_COMPLIANCE = 2;

    private enum Function { VOLT, CURR }

    private final String identity;
    private final double loadOhms;
    private final ErrorQueue errors = new ErrorQueue();

    private Function function;
    private double voltageLevel;
    private double currentLevel;
    private double currentCompliance;
    private double voltageCompliance;
    private boolean output;

    B2900Instrument(String identity, double loadOhms) {
        this.identity = identity;
        this.loadOhms = loadOhms;
        reset();
    }

    @Override
    public synchronized String handle(String line) {
        StringJoiner replies = new StringJoiner(";");
        for (String unit : line.split(";")) {
            try {
                String reply = execute(ScpiMessage.parse(unit));
                if (reply != null) {
                    replies.add(reply);
                }
            } catch (ScpiCommandError e) {
                errors.add(e);
                break; // IEEE 488.2: the rest of the message is discarded after an error
            }
        }
        return replies.length() == 0 ? null : replies.toString();
    }

    private String execute(ScpiMessage m) throws ScpiCommandError {
        switch (m.header()) {
            case "*IDN": return queryOnly(m, identity);
            case "*OPC": return m.query() ? noParameter(m, "1") : noParameter(m, null);
            case "*RST": return commandOnly(m, this::reset);
            case "*CLS": return commandOnly(m, errors::clear);
            case "*WAI": return commandOnly(m, () -> { });
            case "SYST:ERR": return queryOnly(m, errors.next());
            case "SOUR:FUNC:MODE": return sourceFunction(m);
            case "SOUR:VOLT": return m.query() ? noParameter(m, number(voltageLevel))
                    : set(() -> voltageLevel = ScpiParameters.number(m, -MAX_VOLTS, MAX_VOLTS, 0));
            case "SOUR:CURR": return m.query() ? noParameter(m, number(currentLevel))
                    : set(() -> currentLevel = ScpiParameters.number(m, -MAX_AMPS, MAX_AMPS, 0));
            case "SENS:CURR:PROT": return m.query() ? noParameter(m, number(currentCompliance))
                    : set(() -> currentCompliance = ScpiParameters.number(m, 1e-9, MAX_AMPS, DEFAULT_CURRENT_COMPLIANCE));
            case "SENS:VOLT:PROT": return m.query() ? noParameter(m, number(voltageCompliance))
                    : set(() -> voltageCompliance = ScpiParameters.number(m, 1e-6, MAX_VOLTS, DEFAULT_VOLTAGE_COMPLIANCE));
            case "OUTP": return m.query() ? noParameter(m, output ? "1" : "0") : set(() -> output = ScpiParameters.bool(m));
            case "MEAS:VOLT": return queryOnly(m, number(output ? measuredAmps() * loadOhms : 0));
            case "MEAS:CURR": return queryOnly(m, number(output ? measuredAmps() : 0));
            default: throw ScpiCommandError.undefinedHeader();
        }
    }

    /** The load current: what the source sets, unless the compliance limit holds it back. */
    private double measuredAmps() {
        if (function == Function.VOLT) {
            double amps = voltageLevel / loadOhms;
            return Math.copySign(Math.min(Math.abs(amps), currentCompliance), amps);
        }
        double volts = currentLevel * loadOhms;
        return Math.copySign(Math.min(Math.abs(volts), voltageCompliance), volts) / loadOhms;
    }

    private String sourceFunction(ScpiMessage m) throws ScpiCommandError {
        if (m.query()) {
            return noParameter(m, function.name());
        }
        String value = ScpiParameters.required(m).toUpperCase(Locale.ROOT);
        if (value.equals("VOLT") || value.equals("VOLTAGE")) {
            function = Function.VOLT;
        } else if (value.equals("CURR") || value.equals("CURRENT")) {
            function = Function.CURR;
        } else {
            throw new ScpiCommandError(ScpiCommandError.ILLEGAL_PARAMETER_VALUE, "Illegal parameter value");
        }
        return null;
    }

    private void reset() {
        function = Function.VOLT;
        voltageLevel = 0;
        currentLevel = 0;
        currentCompliance = DEFAULT_CURRENT_COMPLIANCE;
        voltageCompliance = DEFAULT_VOLTAGE_COMPLIANCE;
        output = false;
    }

    private interface Setting {
        void apply() throws ScpiCommandError;
    }

    private static String set(Setting setting) throws ScpiCommandError {
        setting.apply();
        return null;
    }

    private static String queryOnly(ScpiMessage m, String reply) throws ScpiCommandError {
        if (!m.query()) {
            throw ScpiCommandError.undefinedHeader();
        }
        return noParameter(m, reply);
    }

    private static String commandOnly(ScpiMessage m, Runnable action) throws ScpiCommandError {
        if (m.query()) {
            throw ScpiCommandError.undefinedHeader();
        }
        noParameter(m, null);
        action.run();
        return null;
    }

    private static String noParameter(ScpiMessage m, String reply) throws ScpiCommandError {
        if (!m.parameter().isEmpty()) {
            throw new ScpiCommandError(ScpiCommandError.PARAMETER_NOT_ALLOWED, "Parameter not allowed");
        }
        return reply;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%+.6E", value);
    }
}
