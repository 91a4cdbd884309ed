package org.pyrolab.invoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rules of {@link Conversion} that the cross-path test (bundles/client ValueTableTest) does not reach. */
@Timeout(10)
class ConversionTest {

    public record Reading(String unit, double value, List<Integer> raw) {
    }

    public static class Settings {
        public int gain;
        public String name;
    }

    enum Mode { SLOW, FAST }

    private static Object to(Object v, Type t) {
        return Conversion.toJava(v, t);
    }

    private static Type typeOf(String field) throws Exception {
        return Holder.class.getDeclaredField(field).getGenericType();
    }

    static class Holder {
        List<Integer> ints;
        Set<Long> longs;
        Map<String, List<Double>> nested;
        Optional<String> maybe;
        Iterable<String> words;
    }

    @Test
    void integersAreRangeChecked() {
        assertEquals(42, to(42L, int.class));
        assertEquals((byte) -128, to(-128, byte.class));
        assertEquals(2, to(2.0, int.class));
        assertTrue(assertThrows(ArgumentMismatchException.class, () -> to(128, byte.class)).getMessage().contains("out of range"));
        assertTrue(assertThrows(ArgumentMismatchException.class, () -> to(2.5, int.class)).getMessage().contains("float 2.5"));
        assertThrows(ArgumentMismatchException.class, () -> to(new BigInteger("9223372036854775808"), long.class));
        assertEquals(new BigInteger("9223372036854775808"), to(new BigInteger("9223372036854775808"), BigInteger.class));
        assertThrows(ArgumentMismatchException.class, () -> to("3", int.class));
        assertThrows(ArgumentMismatchException.class, () -> to(true, int.class));
        assertThrows(ArgumentMismatchException.class, () -> to(null, int.class));
    }

    @Test
    void realsTakeAnyNumberAndSerpentsSpecialFloats() {
        assertEquals(3.0, to(3, double.class));
        assertEquals(0.5f, to(0.5, float.class));
        assertTrue(Double.isNaN((Double) to(Map.of("__class__", "float", "value", "nan"), double.class)));
        assertEquals(Double.NEGATIVE_INFINITY, to(Map.of("__class__", "float", "value", "-inf"), Double.class));
        assertEquals(new BigDecimal("1.25"), to("1.25", BigDecimal.class));
        assertThrows(ArgumentMismatchException.class, () -> to(false, double.class));
    }

    @Test
    void textBoolsCharsEnums() {
        assertThrows(ArgumentMismatchException.class, () -> to(42, String.class));
        assertThrows(ArgumentMismatchException.class, () -> to(1, boolean.class));
        assertEquals('x', to("x", char.class));
        assertThrows(ArgumentMismatchException.class, () -> to("xy", char.class));
        assertEquals(Mode.FAST, to("fast", Mode.class));
        assertThrows(ArgumentMismatchException.class, () -> to(1, Mode.class));
    }

    @Test
    void structures() throws Exception {
        assertEquals(List.of(1, 2), to(new Object[] {1, 2L}, typeOf("ints")));
        assertEquals(Set.of(1L, 2L), to(new HashSet<>(List.of(1, 2)), typeOf("longs")));
        assertEquals(Map.of("a", List.of(1.0, 2.5)), to(Map.of("a", new Object[] {1, 2.5}), typeOf("nested")));
        assertEquals(Optional.of("x"), to("x", typeOf("maybe")));
        assertEquals(Optional.empty(), to(null, typeOf("maybe")));
        assertEquals(List.of("a"), to(List.of("a"), typeOf("words")));
        assertArrayEquals(new int[] {1, 2}, (int[]) to(List.of(1, 2), int[].class));
        assertEquals(new Reading("mW", 1.0, List.of(1)), to(Map.of("unit", "mW", "value", 1, "raw", List.of(1), "extra", 0), Reading.class));
        Settings s = (Settings) to(Map.of("gain", 3, "name", "n"), Settings.class);
        assertEquals(3, s.gain);
        ArgumentMismatchException e = assertThrows(ArgumentMismatchException.class,
                () -> to(Map.of("unit", "mW", "value", 1, "raw", List.of(1, "x")), Reading.class));
        assertTrue(e.getMessage().contains("raw[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("str 'x'"), e.getMessage());
    }

    @Test
    void bytesDurationsAndParsedTypes() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) to(Map.of("data", "AQID", "encoding", "base64"), byte[].class));
        assertArrayEquals(new byte[] {1, -1}, (byte[]) to(List.of(1, 255), byte[].class));
        assertThrows(ArgumentMismatchException.class, () -> to("AQID", byte[].class));
        assertEquals(Duration.ofMillis(1500), to(1.5, Duration.class));
        assertEquals(Duration.ofSeconds(2), to("PT2S", Duration.class));
        assertEquals(LocalDate.of(2024, 5, 1), to("2024-05-01", LocalDate.class));
        assertThrows(ArgumentMismatchException.class, () -> to("not a date", LocalDate.class));
        Object tuple = new Object[] {1};
        assertEquals(tuple, to(tuple, Object.class));
        assertNull(to(null, String.class));
    }

    @Test
    void outgoingValuesReadBack() {
        assertEquals(Map.of("unit", "mW", "value", 1.0, "raw", List.of(1)), OutgoingValues.write(new Reading("mW", 1.0, List.of(1))));
        assertEquals("FAST", OutgoingValues.write(Mode.FAST));
        assertEquals(1.5, OutgoingValues.write(Duration.ofMillis(1500)));
        assertEquals("2024-05-01", OutgoingValues.write(LocalDate.of(2024, 5, 1)));
    }
}
