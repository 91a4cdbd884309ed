package org.pyrolab.sim.scpi;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the parameter of a program message unit as the SCPI standard defines its forms. */
final class ScpiParameters {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ScpiParameters() {
    }

    static String required(ScpiMessage m) throws ScpiCommandError {
        if (m.parameter().isEmpty()) {
            throw new ScpiCommandError(ScpiCommandError.MISSING_PARAMETER, "Missing parameter");
        }
        return m.parameter();
    }

    /** A decimal number, or MIN, MAX or DEF. */
    static double number(ScpiMessage m, double min, double max, double def) throws ScpiCommandError {
        String text = required(m).toUpperCase(Locale.ROOT);
        switch (text) {
            case "MIN": case "MINIMUM": return min;
            case "MAX": case "MAXIMUM": return max;
            case "DEF": case "DEFAULT": return def;
            default: break;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new ScpiCommandError(ScpiCommandError.DATA_TYPE_ERROR, "Data type error");
        }
        double value = Double.parseDouble(text);
        if (value < min || value > max) {
            throw new ScpiCommandError(ScpiCommandError.DATA_OUT_OF_RANGE, "Data out of range");
        }
        return value;
    }

    /** ON, OFF, 1 or 0. */
    static boolean bool(ScpiMessage m) throws ScpiCommandError {
        switch (required(m).toUpperCase(Locale.ROOT)) {
            case "ON": case "1": return true;
            case "OFF": case "0": return false;
            default: throw new ScpiCommandError(ScpiCommandError.ILLEGAL_PARAMETER_VALUE, "Illegal parameter value");
        }
    }
}
