package org.pyrolab.sim.scpi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One program message unit, such as {@code :SOURce1:VOLTage:LEVel 1.5} or {@code *IDN?}, with its
 * header reduced to a canonical short form ({@code SOUR:VOLT}) so that long and short forms,
 * channel suffixes and optional nodes all match one entry.
 */
record ScpiMessage(String header, boolean query, String parameter) {

    /** The short form of each long mnemonic the simulators know: the capital letters of its long form. */
    private static final Map<String, String> MNEMONICS = List.of("SOURce", "FUNCtion", "MODE", "VOLTage", "CURRent",
            "LEVel", "IMMediate", "AMPLitude", "SENSe", "PROTection", "OUTPut", "STATe", "MEASure", "SYSTem", "ERRor",
            "NEXT", "DC", "COUNt").stream().collect(Collectors.toMap(m -> m.toUpperCase(Locale.ROOT),
                    m -> m.replaceAll("[a-z]", "")));

    /** Nodes in brackets in the instrument manual, left out of canonical headers. */
    private static final Set<String> OPTIONAL_NODES = Set.of("LEV", "IMM", "AMPL", "STAT", "DC", "NEXT");

    /** Subsystems whose root node is optional: {@code :VOLT 1} means {@code :SOUR:VOLT 1}. */
    private static final Set<String> IMPLIED_SOURCE = Set.of("VOLT", "CURR", "FUNC");

    /** Parses one unit; a header with an unknown mnemonic is an undefined header. */
    static ScpiMessage parse(String unit) throws ScpiCommandError {
        String text = unit.strip();
        int space = indexOfWhitespace(text);
        String header = space < 0 ? text : text.substring(0, space);
        String parameter = space < 0 ? "" : text.substring(space).strip();
        boolean query = header.endsWith("?");
        if (query) {
            header = header.substring(0, header.length() - 1);
        }
        return new ScpiMessage(canonical(header), query, parameter);
    }

    private static String canonical(String header) throws ScpiCommandError {
        String upper = header.toUpperCase(Locale.ROOT);
        if (upper.startsWith("*")) {
            return upper;
        }
        String path = upper.startsWith(":") ? upper.substring(1) : upper;
        StringBuilder canonical = new StringBuilder();
        for (String node : path.split(":", -1)) {
            String mnemonic = node.replaceFirst("\\d+$", "");
            String shortForm = MNEMONICS.containsKey(mnemonic) ? MNEMONICS.get(mnemonic)
                    : MNEMONICS.containsValue(mnemonic) ? mnemonic : null;
            if (shortForm == null) {
                throw ScpiCommandError.undefinedHeader();
            }
            if (!OPTIONAL_NODES.contains(shortForm)) {
                canonical.append(canonical.length() == 0 ? "" : ":").append(shortForm);
            }
        }
        String result = canonical.toString();
        return IMPLIED_SOURCE.contains(result.split(":")[0]) ? "SOUR:" + result : result;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
