package org.pyrolab.daemon.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.Token;

/**
 * A script ({@code shell -c LINE}, {@code shell FILE}) cut into the steps {@link CommandRunner}
 * runs one at a time, and the words that name a step's line when it fails.
 */
final class ScriptSteps {
    private ScriptSteps() {
    }

    /**
     * The script's steps: its top-level statements and pipelines, split at {@code ;} and new
     * lines only, so {@code a && b}, {@code a || b} and {@code a &} stay one step as Gogo means them.
     */
    static List<CharSequence> of(String source, List<Parser.Executable> tokens) {
        List<CharSequence> steps = new ArrayList<>();
        char[] text = source.toCharArray(); // what the parser's tokens index into
        Parser.Executable first = null;
        Parser.Executable last = null;
        for (Parser.Executable token : tokens) {
            boolean separator = token instanceof Parser.Operator && (token.toString().equals(";") || token.toString().equals("\n"));
            if (!separator) {
                first = first == null ? token : first;
                last = token;
                continue;
            }
            addStep(steps, text, first, last);
            first = null;
        }
        addStep(steps, text, first, last);
        return steps;
    }

    private static void addStep(List<CharSequence> steps, char[] text, Parser.Executable first, Parser.Executable last) {
        if (first == last && first != null) {
            steps.add(first); // one statement: kept as parsed, so quiet() can see an assignment
        } else if (first != null) {
            steps.add(new Token(text, first.start(), last.start() + last.length() - first.start(), first.line(), first.column()));
        }
    }

    /** {@code "line 3 of lab.gogo (`start demo.lasr`): "}; Gogo counts lines from 0. */
    static String where(String name, CharSequence step) {
        String text = step.toString().strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline).strip() + " ...";
        return where(name, ((Token) step).line()) + " (`" + first + "`): ";
    }

    static String where(String name, int line) {
        return "line " + (line + 1) + (name.equals("-c") ? "" : " of " + name);
    }
}
