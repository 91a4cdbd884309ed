package org.pyrolab.pyro5.ns;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.pyrolab.pyro5.serial.RemoteError;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The {@code regex} filter of {@code list} and {@code remove}: Python's {@code re.match}, anchored
 * at the start only, run by RE2/J. RE2/J simulates the automaton instead of backtracking, so a
 * pattern such as {@code (a+)+$} costs time linear in the name, where {@code java.util.regex} (and
 * Python's {@code re}) may take exponential time. The syntax is RE2's: no backreferences and no
 * look-around; those, like any other invalid pattern, give {@code NamingError('invalid regex: ...')}.
 *
 * <p>Because the work per name is also proportional to the compiled pattern, and RE2/J sets no
 * bound of its own (nested counted repetitions such as {@code ((a{100}){100}){100}} expand to
 * millions of instructions), a pattern is refused when it is longer than {@value #MAX_LENGTH}
 * characters or when its repetitions, expanded, come to more than {@value #MAX_SIZE} (estimated,
 * from above, before RE2/J sees it). Even so, a pattern with many parallel alternatives costs some
 * microseconds per character, so one call gives up after {@link #TIME_BUDGET} with
 * {@code NamingError('regex too costly: ...')}; ordinary patterns take tens of nanoseconds per
 * character.
 */
final class RegexFilter {

    static final int MAX_LENGTH = 1000;
    static final int MAX_SIZE = 5000;
    static final Duration TIME_BUDGET = Duration.ofSeconds(10);

    private final Pattern pattern;

    private RegexFilter(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles {@code regex}, or throws {@code NamingError('invalid regex: ...')}. */
    static RegexFilter compile(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw RemoteError.namingError("invalid regex: longer than " + MAX_LENGTH + " characters");
        }
        if (expandedSize(regex) > MAX_SIZE) {
            throw RemoteError.namingError("invalid regex: its repetitions expand to more than " + MAX_SIZE
                    + " instructions");
        }
        try {
            return new RegexFilter(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            String m = String.valueOf(e.getMessage());
            throw RemoteError.namingError("invalid regex: " + m.replaceFirst("^error parsing regexp: ", ""));
        } catch (RuntimeException | StackOverflowError e) {
            throw RemoteError.namingError("invalid regex: " + e);
        }
    }

    /** Whether {@code name} matches from its first character on ({@code re.match}). */
    boolean matches(String name) {
        return pattern.matcher(name).lookingAt();
    }

    /** The entries whose name matches, in their order, within {@link #TIME_BUDGET}. */
    List<NameEntry> select(List<NameEntry> entries) {
        return select(entries, TIME_BUDGET);
    }

    List<NameEntry> select(List<NameEntry> entries, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<NameEntry> out = new ArrayList<>();
        int checked = 0;
        for (NameEntry e : entries) {
            if (matches(e.name())) {
                out.add(e);
            }
            if ((++checked & 15) == 0 && System.nanoTime() - deadline > 0) {
                throw RemoteError.namingError("regex too costly: gave up after " + budget.toMillis() + " ms and "
                        + checked + " of " + entries.size() + " names; use a simpler pattern or a prefix");
            }
        }
        return out;
    }

    /**
     * An upper estimate of the compiled size: every character counts one, a character class or
     * escape counts its length, a group counts its content, and a counted repetition
     * {@code {n}}, {@code {n,}} or {@code {n,m}} multiplies what it repeats by its largest count
     * (n + 1 for {@code {n,}}). Stops counting once past {@link #MAX_SIZE}.
     */
    static long expandedSize(String re) {
        Deque<Long> groups = new ArrayDeque<>(); // the size before each open group
        long cur = 0;
        long last = 0; // size of the last atom, which a repetition would repeat
        int n = re.length();
        int i = 0;
        while (i < n && cur <= MAX_SIZE) {
            char c = re.charAt(i);
            long atom;
            if (c == '\\') {
                int j = i + 2;
                if (i + 1 < n && re.charAt(i + 1) == 'Q') { // \Q...\E: a literal string
                    int end = re.indexOf("\\E", i + 2);
                    j = end < 0 ? n : end + 2;
                } else if (i + 1 < n && "pPx".indexOf(re.charAt(i + 1)) >= 0 && j < n && re.charAt(j) == '{') {
                    int end = re.indexOf('}', j);
                    j = end < 0 ? n : end + 1;
                }
                j = Math.min(j, n);
                atom = j - i;
                i = j;
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && re.charAt(j) == '^') {
                    j++;
                }
                if (j < n && re.charAt(j) == ']') {
                    j++;
                }
                while (j < n && re.charAt(j) != ']') {
                    if (re.charAt(j) == '\\') {
                        j += 2;
                    } else if (re.charAt(j) == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
                        int end = re.indexOf(":]", j + 2);
                        j = end < 0 ? j + 1 : end + 2;
                    } else {
                        j++;
                    }
                }
                j = Math.min(j + 1, n);
                atom = j - i;
                i = j;
            } else if (c == '(') {
                groups.push(cur);
                cur = 0;
                last = 0;
                i++;
                continue;
            } else if (c == ')') {
                atom = cur + 1;
                cur = groups.isEmpty() ? 0 : groups.pop();
                i++;
            } else if (c == '{') {
                int[] rep = repeat(re, i);
                if (rep != null) {
                    long times = rep[1];
                    cur += last * (times - 1);
                    last *= times;
                    i = rep[0];
                    continue;
                }
                atom = 1;
                i++;
            } else if (c == '*' || c == '+' || c == '?') {
                cur++; // one more instruction; what it repeats stays the last atom
                last++;
                i++;
                continue;
            } else {
                atom = 1;
                i++;
            }
            cur += atom;
            last = atom;
        }
        while (!groups.isEmpty()) { // unclosed: RE2/J refuses it anyway
            cur += groups.pop();
        }
        return cur;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}: {end index, largest count}; else null. */
    private static int[] repeat(String re, int i) {
        int j = i + 1;
        int n = re.length();
        long min = 0;
        int digits = 0;
        while (j < n && Character.isDigit(re.charAt(j)) && digits < 9) {
            min = min * 10 + (re.charAt(j++) - '0');
            digits++;
        }
        if (digits == 0 || j >= n) {
            return null;
        }
        long max = min;
        if (re.charAt(j) == ',') {
            j++;
            int maxDigits = 0;
            long m = 0;
            while (j < n && Character.isDigit(re.charAt(j)) && maxDigits < 9) {
                m = m * 10 + (re.charAt(j++) - '0');
                maxDigits++;
            }
            max = maxDigits == 0 ? min + 1 : Math.max(min, m);
        }
        if (j >= n || re.charAt(j) != '}') {
            return null;
        }
        return new int[] {j + 1, (int) Math.min(Math.max(max, 1), Integer.MAX_VALUE)};
    }
}
