package org.pyrolab.pyro5.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.pyrolab.pyro5.serial.SerpentReaderTest.normalize;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link SerpentWriter} with {@link SerpentReader}: exact output for Python, round trips of
 * generated values, what Pyrolite's parser makes of our output, and broken payloads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerpentRoundTripTest {

    private static String text(Object v) {
        String s = new String(SerpentWriter.write(v), StandardCharsets.UTF_8);
        assertTrue(s.startsWith("# serpent utf-8 python3.2\n"), s);
        assertTrue(!s.endsWith("\n") || s.equals("# serpent utf-8 python3.2\n"), s);
        return s.substring(s.indexOf('\n') + 1);
    }

    private static Object roundTrip(Object v) {
        return SerpentReader.read(SerpentWriter.write(v));
    }

    enum Color { RED }

    record Point(int x, String label) {
    }

    // ---- exact output

    @Test
    void floatsAsPythonRepr() {
        Map<Double, String> cases = new LinkedHashMap<>();
        cases.put(2.5, "2.5");
        cases.put(-0.0, "-0.0");
        cases.put(0.0, "0.0");
        cases.put(1e-05, "1e-05");
        cases.put(0.0001, "0.0001");
        cases.put(0.001, "0.001");
        cases.put(1e16, "1e+16");
        cases.put(1e15, "1000000000000000.0");
        cases.put(9999999999999998.0, "9999999999999998.0");
        cases.put(123456789.125, "123456789.125");
        cases.put(1.2345678901234568e-300, "1.2345678901234568e-300");
        cases.put(Double.MAX_VALUE, "1.7976931348623157e+308");
        cases.put(0.1, "0.1");
        cases.put(-1.5, "-1.5");
        cases.put(100.0, "100.0");
        cases.put(1e22, "1e+22");
        cases.put(1e100, "1e+100");
        cases.put(-2.5e-7, "-2.5e-07");
        cases.put(12345678.9, "12345678.9");
        cases.put(Double.POSITIVE_INFINITY, "1e30000");
        cases.put(Double.NEGATIVE_INFINITY, "-1e30000");
        cases.put(Double.NaN, "{'__class__':'float','value':'nan'}");
        cases.forEach((d, repr) -> {
            assertEquals(repr, text(d), "repr of " + d);
            assertEquals(d, roundTrip(d));
        });
        assertEquals(Double.MIN_VALUE, roundTrip(Double.MIN_VALUE)); // Java 17 writes 4.9e-324, Python 5e-324
    }

    @Test
    void whatTheWriterProduces() {
        assertEquals("None", text(null));
        assertEquals("True", text(true));
        assertEquals("[1,-2,3,4,2147483648,-9223372036854775808,18446744073709551616]",
                text(List.of(1, (short) -2, (byte) 3, 4L, 2147483648L, Long.MIN_VALUE, BigInteger.TWO.pow(64))));
        assertEquals("('x',)", text(new Object[] {"x"}));
        assertEquals("()", text(new Object[0]));
        assertEquals("(1,2.5,None)", text(new Object[] {1, 2.5, null}));
        assertEquals("{'b','a'}", text(new LinkedHashSet<>(List.of("b", "a"))));
        assertEquals("()", text(new HashSet<>()));
        assertEquals("{}", text(Map.of()));
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put("s", 1);
        keys.put(2, 2);
        keys.put(2.5, 3);
        keys.put(false, 4);
        keys.put(new Object[] {1, "t"}, 5);
        keys.put(new Complex(1, 2), 6);
        keys.put('c', 7);
        keys.put(Color.RED, 8);
        assertEquals("{'s':1,2:2,2.5:3,False:4,(1,'t'):5,(1.0+2.0j):6,'c':7,'RED':8}", text(keys));
        assertEquals("{'data':'AAH/','encoding':'base64'}", text(new byte[] {0, 1, -1}));
        assertEquals("[(1.0-2.0j),(0.0+2.5j),(-1e-05+1e+16j),(1e30000-1e30000j)]", text(List.of(new Complex(1, -2), new Complex(0, 2.5),
                new Complex(-1e-05, 1e16), new Complex(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))));
        assertEquals("'x'", text('x'));
        assertEquals("'abc'", text(new char[] {'a', 'b', 'c'}));
        assertEquals("(1,2)", text(new int[] {1, 2}));
        assertEquals("(True,)", text(new boolean[] {true}));
        assertEquals("(0.5,1e+16)", text(new double[] {0.5, 1e16}));
        assertEquals("0.1", text(0.1f));
        assertEquals("'RED'", text(Color.RED));
        assertEquals("'2024-01-02'", text(LocalDate.of(2024, 1, 2)));
        assertEquals("'1.50'", text(new BigDecimal("1.50")));
        assertEquals("None", text(Optional.empty()));
        assertEquals("'x'", text(Optional.of(Optional.of("x"))));
        assertEquals("{'x':1,'label':'a'}", text(new Point(1, "a")));
        assertEquals("{'a':1,'b':2}", text(new TreeMap<>(Map.of("b", 2, "a", 1))));
        assertEquals("{'__class__':'Pyro5.core.URI','state':('PYRO','obj',None,'h',9)}", text(PyroUri.parse("PYRO:obj@h:9")));
        String ex = text(new IllegalStateException("no"));
        assertTrue(ex.startsWith("{'__class__':'builtins.RuntimeError','__exception__':True,'args':('no',),"), ex);
        assertTrue(text(new StackOverflowError()).contains("'builtins.RecursionError'"));
        assertEquals("'\\\\U0001f600 \ud83d\ude00 \\ud83d'", text("\\U0001f600 \ud83d\ude00 \ud83d")); // raw pair, escaped lone half
        assertEquals("\"it's\"", text("it's"));
    }

    @Test
    void whatTheWriterRefuses() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(1);
        cycle.add(cycle);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> text(cycle)).getMessage().contains("deeper than 200"));
        Map<String, Object> selfMap = new HashMap<>();
        selfMap.put("me", selfMap);
        assertThrows(IllegalArgumentException.class, () -> text(selfMap));
        Object[] selfTuple = new Object[1];
        selfTuple[0] = selfTuple;
        assertThrows(IllegalArgumentException.class, () -> text(selfTuple));

        Object deep = 1;
        for (int i = 0; i < 200; i++) {
            deep = List.of(deep);
        }
        assertEquals(normalize(deep), normalize(roundTrip(deep)));
        Object deeper = List.of(deep);
        assertThrows(IllegalArgumentException.class, () -> text(deeper));
        Object nanAt200 = Double.NaN; // the NaN dict is a level too
        for (int i = 0; i < 200; i++) {
            nanAt200 = List.of(nanAt200);
        }
        Object nan = nanAt200;
        assertThrows(IllegalArgumentException.class, () -> text(nan));

        BigInteger max = BigInteger.TEN.pow(4300).subtract(BigInteger.ONE);
        assertEquals(max.negate(), roundTrip(max.negate()));
        assertThrows(IllegalArgumentException.class, () -> text(max.add(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> text(BigInteger.TWO.pow(100_000)));

        Map<Object, Object> noneKey = new HashMap<>();
        noneKey.put(null, 1);
        assertThrows(IllegalArgumentException.class, () -> text(noneKey));
        assertThrows(IllegalArgumentException.class, () -> text(Map.of(List.of(1), 1)));
        assertThrows(IllegalArgumentException.class, () -> text(Map.of(new Object[] {List.of()}, 1)));
        assertThrows(IllegalArgumentException.class, () -> text(Map.of(Double.NaN, 1)));
        assertThrows(IllegalArgumentException.class, () -> text(Map.of(new Complex(1, Double.NaN), 1)));
        assertThrows(IllegalArgumentException.class, () -> text(Map.of(new byte[1], 1)));
        assertThrows(IllegalArgumentException.class, () -> text(Map.of(new Point(1, "a"), 1)));
        assertThrows(IllegalArgumentException.class, () -> text(Set.of(Set.of(1))));
        assertThrows(IllegalArgumentException.class, () -> text(new Object())); // no fields or getters
    }

    // ---- generated values

    /** Generates values of every type the reader produces, so a round trip must give them back. */
    private static final class Gen {
        final Random rnd;
        final boolean complex;
        int nodes;

        Gen(long seed, boolean complex) {
            rnd = new Random(seed);
            this.complex = complex;
        }

        Object value(int depth) {
            nodes++;
            int pick = rnd.nextInt(depth <= 0 ? 9 : 14);
            return switch (pick) {
                case 0 -> null;
                case 1 -> rnd.nextBoolean();
                case 2, 3 -> integer();
                case 4 -> dbl(true);
                case 5, 6 -> string();
                case 7 -> complex ? complex(true) : string();
                case 8 -> bytes();
                case 9 -> {
                    List<Object> l = new ArrayList<>();
                    for (int i = rnd.nextInt(5); i > 0; i--) {
                        l.add(value(depth - 1));
                    }
                    yield l;
                }
                case 10 -> {
                    Object[] t = new Object[rnd.nextInt(4)];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = value(depth - 1);
                    }
                    yield t;
                }
                case 11, 12 -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int i = rnd.nextInt(5); i > 0; i--) {
                        m.put(key(depth - 1), value(depth - 1));
                    }
                    yield m;
                }
                default -> {
                    Set<Object> s = new LinkedHashSet<>();
                    for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                        s.add(rnd.nextInt(8) == 0 ? null : key(depth - 1));
                    }
                    yield s;
                }
            };
        }

        /** Hashable in Python: no list, dict, set or NaN. */
        Object key(int depth) {
            nodes++;
            return switch (rnd.nextInt(depth <= 0 ? 6 : 7)) {
                case 0 -> rnd.nextBoolean();
                case 1, 2 -> integer();
                case 3 -> dbl(false);
                case 4 -> string();
                case 5 -> complex ? complex(false) : string();
                default -> {
                    Object[] t = new Object[rnd.nextInt(4)];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = rnd.nextInt(6) == 0 ? null : key(depth - 1);
                    }
                    yield t;
                }
            };
        }

        /** Integer, Long or BigInteger: the smallest type that holds the value, as the reader makes. */
        Object integer() {
            BigInteger b = switch (rnd.nextInt(6)) {
                case 0 -> BigInteger.valueOf(rnd.nextInt(21) - 10);
                case 1 -> BigInteger.valueOf(rnd.nextInt());
                case 2 -> BigInteger.valueOf(rnd.nextLong());
                case 3 -> BigInteger.valueOf(rnd.nextBoolean() ? Integer.MIN_VALUE : Long.MIN_VALUE).add(BigInteger.valueOf(rnd.nextInt(3) - 1));
                case 4 -> new BigInteger(64 + rnd.nextInt(400), rnd).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
                default -> rnd.nextInt(20) == 0 ? BigInteger.TEN.pow(4299).multiply(BigInteger.valueOf(rnd.nextInt(9) + 1))
                        : BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(rnd.nextInt(3) - 1));
            };
            return b.bitLength() <= 31 ? (Object) b.intValue() : b.bitLength() <= 63 ? (Object) b.longValue() : b;
        }

        double dbl(boolean nan) {
            double d = switch (rnd.nextInt(nan ? 8 : 7)) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> Double.longBitsToDouble(rnd.nextLong() & 0x800fffffffffffffL); // subnormal
                case 2 -> rnd.nextInt(100_000) / 64.0 * (rnd.nextBoolean() ? 1 : -1);
                case 3 -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
                case 4 -> List.of(0.0, -0.0, 1e16, 1e15, 1e-4, 1e-5, 0.1, Double.MIN_VALUE, Double.MAX_VALUE).get(rnd.nextInt(9));
                case 5 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 6 -> (double) rnd.nextLong();
                default -> Double.NaN;
            };
            return Double.isNaN(d) && !nan ? 0.5 : d;
        }

        /** Complex parts without -0.0: Python's a+bj arithmetic turns a -0.0 part into 0.0. */
        Complex complex(boolean nan) {
            double re = dbl(nan);
            double im = dbl(nan);
            return new Complex(re == 0 ? 0.0 : re, im == 0 ? 0.0 : im);
        }

        byte[] bytes() {
            byte[] b = new byte[rnd.nextInt(12)];
            rnd.nextBytes(b);
            return b;
        }

        String string() {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(12); i > 0; i--) {
                int cp = switch (rnd.nextInt(9)) {
                    case 0 -> rnd.nextInt(0x20);
                    case 1 -> "'\"\\\u007f\u0085\u00a0\u00ad".charAt(rnd.nextInt(7));
                    case 2 -> 0x80 + rnd.nextInt(0x80);
                    case 3 -> 0x100 + rnd.nextInt(0xd800 - 0x100);
                    case 4 -> 0xd800 + rnd.nextInt(0x800); // lone surrogates, also pairs by chance
                    case 5 -> 0xe000 + rnd.nextInt(0x2000);
                    case 6 -> 0x10000 + rnd.nextInt(0x100000);
                    default -> 0x20 + rnd.nextInt(0x5f);
                };
                b.appendCodePoint(cp);
            }
            return b.toString();
        }
    }

    /** What the reader gives back for a generated value: byte[] becomes the base64 dict. */
    private static Object expected(Object v) {
        if (v instanceof byte[] b) {
            return PyroValues.bytesToDict(b);
        }
        if (v instanceof Object[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = expected(a[i]);
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(expected(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, expected(x)));
            return out;
        }
        return v;
    }

    @Test
    void generatedValuesRoundTrip() {
        Gen gen = new Gen(20261126L, true);
        int values = 0;
        long bytes = 0;
        for (int i = 0; i < 5000; i++) {
            Object v = gen.value(1 + i % 6);
            byte[] payload = SerpentWriter.write(v);
            bytes += payload.length;
            Object back = SerpentReader.read(payload);
            assertEquals(normalize(expected(v)), normalize(back), () -> new String(payload, StandardCharsets.UTF_8));
            values++;
        }
        System.out.println("round trips: " + values + " values, " + gen.nodes + " nodes, " + bytes + " bytes");
        assertEquals(5000, values);
        assertTrue(gen.nodes > 10_000, "nodes " + gen.nodes);
    }

    /** Pyrolite 5.1 reads our payloads with serpent 1.40's parser: the Java client must see the same values. */
    @Test
    void pyroliteReadsWhatWeWrite() {
        Gen gen = new Gen(5L, false);
        int checked = 0;
        for (int i = 0; i < 2000; i++) {
            Object v = gen.value(1 + i % 4);
            byte[] payload = SerpentWriter.write(v);
            String text = new String(payload, StandardCharsets.UTF_8);
            if (text.contains("\\U") || text.contains("j)")) {
                continue; // serpent 1.40 knows no \U escapes and takes "(…j)" for a complex number (protocol sheet §8.3)
            }
            Object theirs = new net.razorvine.serpent.Parser().parse(payload).getData();
            Object ours = SerpentReader.read(payload);
            assertEquals(pyroliteView(ours), pyroliteView(theirs), text);
            checked++;
        }
        System.out.println("payloads read alike by Pyrolite's parser: " + checked);
        assertTrue(checked > 500, "checked " + checked);
    }

    /** Values as both readers should agree on them: NaN dicts are NaN in both. */
    private static Object pyroliteView(Object v) {
        Object n = normalize(v);
        if (n instanceof Set<?> s) {
            return new HashSet<>(s);
        }
        if (n instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, x) -> out.put(pyroliteView(k), pyroliteView(x)));
            return out;
        }
        if (n instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(pyroliteView(x)));
            return out;
        }
        return n;
    }

    // ---- broken payloads

    static List<byte[]> serpentVectors() throws IOException, URISyntaxException {
        Path root = Path.of(SerpentRoundTripTest.class.getResource("/pyro5-vectors").toURI());
        ObjectMapper json = new ObjectMapper();
        List<byte[]> payloads = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JsonNode v = json.readTree(line);
                if (v.path("serializer_id").asInt() != Serializers.SERPENT) {
                    continue;
                }
                payloads.add(v.has("payload_decompressed") ? v.get("payload_decompressed").asText().getBytes(StandardCharsets.UTF_8)
                        : "base64".equals(v.get("payload_encoding").asText()) ? Base64.getDecoder().decode(v.get("payload").asText())
                        : v.get("payload").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return payloads;
    }

    /** Parses or throws IllegalArgumentException; any other throwable fails the test. Returns whether it parsed. */
    private static boolean parsesOrRefuses(byte[] payload) {
        try {
            SerpentReader.read(payload);
            return true;
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("unparsable serpent payload: "), e.getMessage());
            return false;
        } catch (Throwable t) {
            fail("not an IllegalArgumentException for " + new String(payload, StandardCharsets.UTF_8), t);
            return false;
        }
    }

    @Test
    void everyPrefixOfEveryVectorParsesOrIsRefused() throws Exception {
        List<byte[]> payloads = serpentVectors();
        assertTrue(payloads.size() > 250, "serpent payloads: " + payloads.size());
        int refused = 0;
        int parsed = 0;
        for (byte[] p : payloads) {
            SerpentReader.read(p); // the whole payload parses
            for (int len = 0; len < p.length; len++) {
                if (parsesOrRefuses(java.util.Arrays.copyOf(p, len))) {
                    parsed++;
                } else {
                    refused++;
                }
            }
        }
        System.out.println("prefixes of " + payloads.size() + " payloads: " + refused + " refused, " + parsed + " parsed");
        assertTrue(refused > 10_000, "refused " + refused);
    }

    @Test
    void mutatedVectorsParseOrAreRefused() throws Exception {
        Random rnd = new Random(42);
        byte[] alphabet = "[](){}'\":,-+.0123456789jeExob_\\ \n#NTFsetu\u00e9".getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        int parsed = 0;
        for (byte[] p : serpentVectors()) {
            for (int k = 0; k < 40; k++) {
                byte[] m = p.clone();
                for (int edits = 1 + rnd.nextInt(3); edits > 0; edits--) {
                    int at = 26 + rnd.nextInt(Math.max(1, m.length - 26));
                    if (at < m.length) {
                        m[at] = rnd.nextInt(10) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
                    }
                }
                if (parsesOrRefuses(m)) {
                    parsed++;
                } else {
                    refused++;
                }
            }
        }
        System.out.println("mutated payloads: " + refused + " refused, " + parsed + " parsed");
        assertTrue(refused > 1000);
    }

    @Test
    void roundTripOfCapturedPayloadsKeepsValues() throws Exception {
        int n = 0;
        for (byte[] p : serpentVectors()) {
            Object v = SerpentReader.read(p);
            assertEquals(normalize(v), normalize(roundTrip(v)), new String(p, StandardCharsets.UTF_8));
            n++;
        }
        assertTrue(n > 250);
    }
}
