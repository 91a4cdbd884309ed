package org.pyrolab.daemon.offline;

import java.util.ArrayList;
import java.util.List;

import org.pyrolab.control.CommandFailure;

/**
 * A command's arguments taken apart as Gogo takes apart a {@code pyrolab:*} command's, so that a
 * command gives the same answer with a daemon and without: named options anywhere in the line,
 * the rest positional; a value Gogo cannot convert is its "Cannot coerce" usage error, in the
 * words the daemon's {@code CommandRunner} prints.
 */
final class GogoArguments {
    private final String function;
    private final String signature;
    private final List<String> all;
    private final List<String> rest;

    /** @param signature the Gogo method's parameter types as Gogo lists them, such as {@code (boolean)} */
    GogoArguments(String function, String signature, List<String> args) {
        this.function = function;
        this.signature = signature;
        this.all = List.copyOf(args);
        this.rest = new ArrayList<>(args);
    }

    /** Takes a flag out of the line. */
    boolean flag(String... names) {
        boolean found = false;
        for (String name : names) {
            while (rest.remove(name)) {
                found = true;
            }
        }
        return found;
    }

    /** Takes {@code NAME N} out of the line; {@code absent} when it is not there. */
    int number(int absent, String... names) {
        for (String name : names) {
            int at = rest.indexOf(name);
            if (at >= 0) {
                if (at + 1 >= rest.size()) {
                    throw cannotCoerce();
                }
                String value = rest.get(at + 1);
                rest.subList(at, at + 2).clear();
                try {
                    return Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw cannotCoerce();
                }
            }
        }
        return absent;
    }

    /** What is left: the positional arguments. */
    List<String> positional() {
        return rest;
    }

    CommandFailure cannotCoerce() {
        String given = String.join(", ", java.util.Collections.nCopies(all.size(), "String"));
        return CommandFailure.usage("wrong arguments: Cannot coerce " + function + "(" + given + ") to any of [" + signature
                + "]; run `pyrolab help` for the usage");
    }
}
