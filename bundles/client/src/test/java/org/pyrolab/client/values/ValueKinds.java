package org.pyrolab.client.values;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.pyrolab.api.Expose;

/**
 * The driver of the value table (docs/remote.md "Value mapping"): one method per row, whose
 * parameter type is the row's Java type. Each keeps what it received and returns it, so a caller
 * sees both the argument conversion and the way back.
 */
public class ValueKinds {

    public enum Mode { SLOW, FAST }

    public record Reading(String unit, double value, List<Integer> raw) {
    }

    /** A DTO: public no-argument constructor and public fields. */
    public static class Settings {
        public int gain;
        public String name;

        public Settings() {
        }

        public Settings(int gain, String name) {
            this.gain = gain;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && s.gain == gain && Objects.equals(s.name, name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(gain, name);
        }

        @Override
        public String toString() {
            return "Settings(" + gain + ", " + name + ")";
        }
    }

    /** What the last call received, as the driver saw it. */
    public volatile Object received;

    private <T> T keep(T v) {
        received = v;
        return v;
    }

    @Expose public int take_int(int v) { return keep(v); }
    @Expose public double take_int_as_double(double v) { return keep(v); }
    @Expose public int take_int_too_big(int v) { return keep(v); }
    @Expose public BigInteger take_big_int(BigInteger v) { return keep(v); }
    @Expose public long take_big_int_as_long(long v) { return keep(v); }
    @Expose public double take_float(double v) { return keep(v); }
    @Expose public double take_nan(double v) { return keep(v); }
    @Expose public int take_whole_float_as_int(int v) { return keep(v); }
    @Expose public int take_fraction_as_int(int v) { return keep(v); }
    @Expose public String take_str(String v) { return keep(v); }
    @Expose public String take_number_as_str(String v) { return keep(v); }
    @Expose public int take_str_as_int(int v) { return keep(v); }
    @Expose public boolean take_bool(boolean v) { return keep(v); }
    @Expose public boolean take_int_as_bool(boolean v) { return keep(v); }
    @Expose public String take_none(String v) { return keep(v); }
    @Expose public int take_none_as_int(int v) { return keep(v); }
    @Expose public Optional<String> take_optional(Optional<String> v) { return keep(v); }
    @Expose public List<Integer> take_list(List<Integer> v) { return keep(v); }
    @Expose public int[] take_list_as_array(int[] v) { return keep(v); }
    @Expose public List<Integer> take_tuple(List<Integer> v) { return keep(v); }
    @Expose public Set<String> take_set(Set<String> v) { return keep(v); }
    @Expose public Map<String, Double> take_dict(Map<String, Double> v) { return keep(v); }
    @Expose public Reading take_dict_as_record(Reading v) { return keep(v); }
    @Expose public Reading take_bad_record(Reading v) { return keep(v); }
    @Expose public Settings take_dict_as_dto(Settings v) { return keep(v); }
    @Expose public byte[] take_bytes(byte[] v) { return keep(v); }
    @Expose public Map<String, List<Integer>> take_nested(Map<String, List<Integer>> v) { return keep(v); }
    @Expose public Mode take_enum(Mode v) { return keep(v); }
    @Expose public Mode take_unknown_enum(Mode v) { return keep(v); }
    @Expose public char take_char(char v) { return keep(v); }
    @Expose public Duration take_duration(Duration v) { return keep(v); }
    @Expose public LocalDate take_date(LocalDate v) { return keep(v); }
    @Expose public Object take_any(Object v) { return keep(v); }
}
