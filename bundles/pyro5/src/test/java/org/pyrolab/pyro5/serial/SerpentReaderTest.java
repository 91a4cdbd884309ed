package org.pyrolab.pyro5.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SerpentReader}: Python literals as {@code repr} writes them, escapes, errors and limits. */
@Timeout(30)
class SerpentReaderTest {

    private static final String HEADER = "# serpent utf-8 python3.2\n";

    private static Object read(String text) {
        return SerpentReader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> read(text), text.length() > 80 ? text.substring(0, 80) : text);
    }

    /** Object[] → tagged list, byte[] → tagged hex, recursively, so values compare with equals. */
    static Object normalize(Object v) {
        if (v instanceof Object[] a) {
            List<Object> out = new ArrayList<>();
            out.add("tuple");
            for (Object x : a) {
                out.add(normalize(x));
            }
            return out;
        }
        if (v instanceof byte[] b) {
            return List.of("bytes", java.util.HexFormat.of().formatHex(b));
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Set<?> s) {
            Set<Object> out = new LinkedHashSet<>();
            s.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(normalize(k), normalize(x)));
            return out;
        }
        return v;
    }

    private static void reads(Object expected, String literal) {
        Object got = read(HEADER + literal);
        assertEquals(normalize(expected), normalize(got), literal);
        if (expected != null) {
            assertEquals(expected.getClass(), got.getClass(), literal);
        }
    }

    @Test
    void literalsAsPythonReprWritesThem() {
        // each literal is exactly what CPython 3.11's repr() printed
        reads(null, "None");
        reads(true, "True");
        reads(false, "False");
        reads(0, "0");
        reads(-1, "-1");
        reads(Integer.MAX_VALUE, "2147483647");
        reads(2147483648L, "2147483648");
        reads(Integer.MIN_VALUE, "-2147483648");
        reads(-2147483649L, "-2147483649");
        reads(Long.MAX_VALUE, "9223372036854775807");
        reads(new BigInteger("9223372036854775808"), "9223372036854775808");
        reads(Long.MIN_VALUE, "-9223372036854775808");
        reads(new BigInteger("-9223372036854775809"), "-9223372036854775809");
        reads(BigInteger.TEN.pow(30), "1000000000000000000000000000000");
        reads(2.5, "2.5");
        reads(-0.0, "-0.0");
        reads(0.0, "0.0");
        reads(1e-05, "1e-05");
        reads(0.0001, "0.0001");
        reads(1e16, "1e+16");
        reads(1e15, "1000000000000000.0");
        reads(123456789.125, "123456789.125");
        reads(1.2345678901234568e-300, "1.2345678901234568e-300");
        reads(Double.MIN_VALUE, "5e-324");
        reads(Double.MAX_VALUE, "1.7976931348623157e+308");
        reads(0.1, "0.1");
        reads(100.0, "100.0");
        reads(1e22, "1e+22");
        reads(Double.POSITIVE_INFINITY, "1e30000");
        reads(Double.NEGATIVE_INFINITY, "-1e30000");
        reads(Double.NaN, "{'__class__':'float','value':'nan'}");
        reads("", "''");
        reads("it's", "\"it's\"");
        reads("say \"hi\"", "'say \"hi\"'");
        reads("both ' and \"", "'both \\' and \"'");
        reads("\0\u0007\b\f\u000b\u001b\u007f\u0085\u00a0\u00ad", "'\\x00\\x07\\x08\\x0c\\x0b\\x1b\\x7f\\x85\\xa0\\xad'");
        reads("\u00e9\u2713\uD83D\uDE00", "'\u00e9\u2713\uD83D\uDE00'");
        reads("\u200b\u2028\ufeff\ue000", "'\\u200b\\u2028\\ufeff\\ue000'");
        reads(new String(Character.toChars(0xe0001)), "'\\U000e0001'");
        reads("\ud800", "'\\ud800'");
        reads("tab\there\\", "'tab\\there\\\\'");
        reads(new Object[0], "()");
        reads(new Object[] {1}, "(1,)");
        reads(new Object[] {1, "a"}, "(1, 'a')");
        reads(new ArrayList<>(), "[]");
        reads(new ArrayList<>(List.of(1, new ArrayList<>(List.of(2, new Object[] {3})))), "[1, [2, (3,)]]");
        reads(new LinkedHashMap<>(), "{}");
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put(2, "b");
        m.put(new Object[] {1, 2}, null);
        m.put(2.5, true);
        reads(m, "{'a': 1, 2: 'b', (1, 2): None, 2.5: True}");
        reads(new LinkedHashSet<>(List.of(1, 2)), "{1, 2}");
        reads(new byte[] {0, 'a', (byte) 0xff, '\''}, "b\"\\x00a\\xff'\"");
        reads(new Complex(0, 1), "1j");
        reads(new Complex(0, -2), "(-0-2j)");
        reads(new Complex(1, -2), "(1-2j)");
        reads(new Complex(-1.5, 2.5e-10), "(-1.5+2.5e-10j)");
        reads(new ArrayList<>(List.of(new Complex(1e300, 1e-300))), "[(1e+300+1e-300j)]");
        reads(new LinkedHashSet<>(), "set()");
    }

    @Test
    void whatSerpentAndPyroliteWrite() {
        reads(new Complex(1.0, -2.0), "(1.0-2.0j)");
        reads(new Complex(-0.0, -2.5), "-2.5j");
        reads(1e16, "1.0E16"); // Java's Double.toString
        reads(-1.0E-5, "-1.0E-5");
        Object[] call = (Object[]) read(HEADER + "('test.object','echo',((1,'two',3.0),),{})");
        assertEquals("echo", call[1]);
        assertEquals(normalize(new Object[] {new Object[] {1, "two", 3.0}}), normalize(call[2]));
        assertEquals(Map.of(), call[3]);
        Object uri = read("{'__class__':'Pyro5.core.URI','state':('PYRO','obj',None,'localhost',9090)}");
        assertEquals(PyroUri.of("obj", "localhost", 9090), uri);
        Map<?, ?> bytes = (Map<?, ?>) read("{'data': 'AAFiaW7/', 'encoding': 'base64'}");
        assertArrayEquals(new byte[] {0, 1, 'b', 'i', 'n', -1}, PyroValues.dictToBytes(bytes));
        assertEquals(new Complex(1.5, Double.NaN), read("{'__class__':'complex','real':1.5,'imag':{'__class__':'float','value':'nan'}}"));
    }

    @Test
    void pythonSyntaxBeyondRepr() {
        reads("ab", "'a' 'b'");
        reads("abc", "'a' \"b\"\n  '''c'''");
        reads(new byte[] {'a', 'b'}, "b'a' B\"b\"");
        reads("line1\nline2", "'''line1\nline2'''");
        reads("a\\nb", "r'a\\nb'");
        reads("q\\'", "r'q\\''");
        reads(new byte[] {'\\', 'x'}, "rb'\\x'");
        reads("\u2022", "'\\N{BULLET}'");
        reads("\u01ff", "'\\777'");
        reads(new byte[] {(byte) 0xff}, "b'\\777'");
        reads("\u0001", "'\\01'");
        reads("\0" + "8", "'\\08'");
        reads("\\q\\u", "'\\q\\\\u'");
        reads(new byte[] {'\\', 'u', '0'}, "b'\\u0'");
        reads("ab", "'a\\\nb'");
        reads("u", "u'u'");
        reads(1000, "1_000");
        reads(255, "0xff");
        reads(255, "0X_F_F");
        reads(8, "0o10");
        reads(5, "0b101");
        reads(0, "000");
        reads(7.5, "007.5");
        reads(5.0, "5.");
        reads(0.5, ".5");
        reads(100.0, "1e2");
        reads(1000.5, "1_000.5");
        reads(new Complex(0, 7), "007j");
        reads(5, "+5");
        reads(-5, "- 5");
        reads(new Complex(1, 2), "1+2j");
        reads(new Complex(1, 0), "1-0.0j"); // as Python: 1 - complex(0, 0.0)
        reads(new Complex(0, 1), "-0.0+1j"); // as Python: -0.0 + complex(0, 1)
        reads(new Object[] {1, 2}, "1, 2");
        reads(new Object[] {1}, "1,");
        reads(1, "(1)");
        reads(new Object[] {1}, "((1,))");
        reads(new ArrayList<>(List.of(1, 2)), "[\n  1, # one\n  2,\n]");
        reads(new LinkedHashMap<>(Map.of("k", 1)), "{'k': 1,}");
        reads(new LinkedHashSet<>(List.of(1)), "{1,}");
        reads(1, "  # comment only\n\t1  \n# trailing comment");
        reads(1, "1 \\\n");
    }

    @Test
    void strayInputIsRefusedWithItsOffset() {
        assertEquals("unparsable serpent payload: unexpected 'x' at offset 16", refused("['a', 'b', 123, x]").getMessage());
        assertEquals("unparsable serpent payload: unexpected end at offset 5", refused("[1, 2").getMessage());
        assertEquals("unparsable serpent payload: unterminated string literal at offset 1", refused("['abc").getMessage());
        assertTrue(refused("inf").getMessage().contains("unexpected 'inf' at offset 0"));
        assertTrue(refused("x".repeat(10000)).getMessage().length() < 120);
        for (String bad : List.of("", "   ", "# only a comment", "--5", "-True", "1+-2j", "1 2", "1+2", "2j+1", "007", "1__0", "1_",
                "0x", "0b2", "1e", "1.2.3", "1abc", ".", "'a' b'b'", "b'\u00e9'", "'a\nb'", "'\\x4'", "'\\u12'", "'\\U00110000'",
                "'\\N{NO SUCH CHARACTER NAME}'", "[1,,2]", "[,]", "(,)", "{1:}", "{:1}", "{1:2,3}", "{1,2:3}", "{[1]:2}", "{{}:1}",
                "{(1,2):3, {1}:4}", "{[]}", "set(1)", "set", "Nonesuch", "f'x'", "ur'x'", "1 # ok\n,2 3", "[1]]", "}", "1j1",
                "\ufeff1", "'\\")) {
            refused(bad);
        }
        assertThrows(IllegalArgumentException.class, () -> SerpentReader.read(new byte[] {'\'', (byte) 0xc3, '\''}));
        assertThrows(IllegalArgumentException.class, () -> SerpentReader.read(new byte[] {'\'', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\''}));
        assertTrue(refused("{'__class__':'Pyro5.core.URI','state':(1,2)}").getMessage().contains("invalid uri state"));
    }

    @Test
    void nestingIsLimitedToPythonsTwoHundredLevels() {
        assertEquals(200, SerpentReader.MAX_DEPTH);
        for (String kind : List.of("list", "tuple", "dict")) {
            assertEquals(200, depthOf(read(nested(kind, 200))), kind);
            assertTrue(refused(nested(kind, 201)).getMessage().contains("nested deeper than 200 levels"), kind);
        }
        read("(".repeat(200) + "1" + ")".repeat(200)); // parentheses count too, as in Python
        refused("(".repeat(201) + "1" + ")".repeat(201));
    }

    private static String nested(String kind, int levels) {
        return switch (kind) {
            case "list" -> "[".repeat(levels) + "1" + "]".repeat(levels);
            case "tuple" -> "(".repeat(levels) + "1" + ",)".repeat(levels);
            default -> "{1:".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
        };
    }

    private static int depthOf(Object v) {
        if (v instanceof List<?> l) {
            return 1 + depthOf(l.get(0));
        }
        if (v instanceof Object[] a) {
            return 1 + depthOf(a[0]);
        }
        if (v instanceof Map<?, ?> m) {
            return 1 + (m.isEmpty() ? 0 : depthOf(m.values().iterator().next()));
        }
        return 0;
    }

    @Test
    @Timeout(5)
    void hostileNestingFailsCleanlyAndFast() {
        for (String open : List.of("[", "(", "{", "[(", "{1:[")) {
            String text = open.repeat(100_000 / open.length());
            long t0 = System.nanoTime();
            IllegalArgumentException e = refused(text);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("nested deeper than 200 levels"), e.getMessage());
            System.out.println("100000-deep '" + open + "' refused in " + ms + " ms");
        }
    }

    @Test
    void twoHundredLevelsFitInASmallThreadStack() throws Exception {
        String text = "[({1:".repeat(50) + "2" + "})]".repeat(50); // 200 levels of every kind
        Object value = read(text);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Object> again = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                again.set(SerpentReader.read(SerpentWriter.write(value)));
            } catch (Throwable x) {
                failure.set(x);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertNull(failure.get());
        assertEquals(normalize(value), normalize(again.get()));
    }

    @Test
    void integersAreLimitedToPythonsDigitLimit() {
        String d4300 = "7" + "0".repeat(4299);
        assertEquals(new BigInteger(d4300), read(d4300));
        assertEquals(new BigInteger("-" + d4300), read("-" + d4300));
        assertEquals(new BigInteger(d4300), read(d4300.substring(0, 100) + "_" + d4300.substring(100))); // '_' are not digits
        assertTrue(refused(d4300 + "1").getMessage().contains("more than 4300 digits"));
        refused("-" + d4300 + "1");
        refused("[" + d4300 + "1]");
        refused("0x" + "f".repeat(4301));
        assertEquals(BigInteger.ONE.shiftLeft(4 * 4300).subtract(BigInteger.ONE), read("0x" + "f".repeat(4300)));
    }

    @Test
    @Timeout(10)
    void aMillionDigitIntegerIsRefusedWithoutConverting() {
        String huge = "9".repeat(1_000_000);
        for (String text : List.of(huge, "-" + huge, "[" + huge + "]", huge + ".5", huge + "j", "{" + huge + ":1}")) {
            long t0 = System.nanoTime();
            refused(text);
            System.out.println("10^6-digit literal refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    /** A dict ({@code entry} ":0,") or set (",") of n Long and n BigInteger keys with the hash code h. */
    private static String collidingKeys(int n, int h, String entry) {
        StringBuilder b = new StringBuilder("{");
        for (long k = 1; k <= n; k++) {
            b.append((k << 32) | ((k ^ h) & 0xffffffffL)).append(entry); // Long.hashCode = h
        }
        for (long k = 1; k <= n; k++) {
            long low = (h - 961 - 31 * k) & 0xffffffffL; // magnitude words 1, k, low: hashCode = h
            b.append(BigInteger.ONE.shiftLeft(64).or(BigInteger.valueOf(k).shiftLeft(32)).or(BigInteger.valueOf(low))).append(entry);
        }
        return b.append('}').toString();
    }

    @Test
    @Timeout(20)
    void hashFloodingIsRefused() {
        String probe = collidingKeys(2, 77, ":0,");
        Map<?, ?> small = (Map<?, ?>) read(probe);
        assertEquals(4, small.size());
        assertTrue(small.keySet().stream().allMatch(k -> k.hashCode() == 77), "the keys collide");
        for (String entry : List.of(":0,", ",")) {
            String text = collidingKeys(50_000, 77, entry);
            long t0 = System.nanoTime();
            IllegalArgumentException e = refused(text);
            assertTrue(e.getMessage().contains("with the same hash code"), e.getMessage());
            System.out.println("hash flooding with " + text.length() + " bytes refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        // up to 64 keys per hash code are fine, also for many hash codes; and keys of one class may collide freely
        StringBuilder many = new StringBuilder("{");
        for (int h = 0; h < 200; h++) {
            String part = collidingKeys(32, h, ":0,");
            many.append(part, 1, part.length() - 1);
        }
        assertEquals(200 * 64, ((Map<?, ?>) read(many.append('}').toString())).size());
        StringBuilder strings = new StringBuilder("{");
        for (int i = 0; i < 1 << 14; i++) {
            strings.append('\'');
            for (int bit = 0; bit < 14; bit++) {
                strings.append((i >> bit & 1) == 0 ? "Aa" : "BB"); // all with one String.hashCode
            }
            strings.append("':0,");
        }
        assertEquals(1 << 14, ((Map<?, ?>) read(strings.append('}').toString())).size());
    }

    @Test
    void floatsAreLimitedInLength() {
        String f400 = "0." + "1".repeat(398);
        assertInstanceOf(Double.class, read(f400));
        assertTrue(refused(f400 + "1").getMessage().contains("longer than 400"));
        refused("1" + "0".repeat(500) + "j");
        assertEquals(Double.POSITIVE_INFINITY, read("1e99999999999999999999"));
        assertEquals(0.0, read("1e-99999999999999999999"));
    }

    @Test
    void typesOfTheResult() {
        Object[] t = (Object[]) read("([1], {1}, {1: 2}, b'', 'x')");
        assertInstanceOf(ArrayList.class, t[0]);
        assertInstanceOf(LinkedHashSet.class, t[1]);
        assertInstanceOf(LinkedHashMap.class, t[2]);
        assertInstanceOf(byte[].class, t[3]);
        assertInstanceOf(String.class, t[4]);
        List<?> keys = new ArrayList<>(((Map<?, ?>) read("{'b': 1, 'a': 2, 'c': 3}")).keySet());
        assertEquals(List.of("b", "a", "c"), keys); // insertion order kept
        assertEquals(Map.of("k", 2), read("{'k': 1, 'k': 2}"));
        Object[] tupleKey = (Object[]) ((Map<?, ?>) read("{(1, 'a'): 0}")).keySet().iterator().next();
        assertEquals(Arrays.asList(1, "a"), Arrays.asList(tupleKey));
    }
}
