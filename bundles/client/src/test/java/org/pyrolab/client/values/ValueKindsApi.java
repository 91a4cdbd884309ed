package org.pyrolab.client.values;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.pyrolab.client.Instrument;
import org.pyrolab.client.values.ValueKinds.Mode;
import org.pyrolab.client.values.ValueKinds.Reading;
import org.pyrolab.client.values.ValueKinds.Settings;

/**
 * {@link ValueKinds} as Java experiment code sees it: each argument goes as the value the row
 * sends (so wrong kinds can be sent too), each result comes back as the row's Java type.
 */
public interface ValueKindsApi extends Instrument {

    int take_int(Object v);

    double take_int_as_double(Object v);

    int take_int_too_big(Object v);

    BigInteger take_big_int(Object v);

    long take_big_int_as_long(Object v);

    double take_float(Object v);

    double take_nan(Object v);

    int take_whole_float_as_int(Object v);

    int take_fraction_as_int(Object v);

    String take_str(Object v);

    String take_number_as_str(Object v);

    int take_str_as_int(Object v);

    boolean take_bool(Object v);

    boolean take_int_as_bool(Object v);

    String take_none(Object v);

    int take_none_as_int(Object v);

    Optional<String> take_optional(Object v);

    List<Integer> take_list(Object v);

    int[] take_list_as_array(Object v);

    List<Integer> take_tuple(Object v);

    Set<String> take_set(Object v);

    Map<String, Double> take_dict(Object v);

    Reading take_dict_as_record(Object v);

    Reading take_bad_record(Object v);

    Settings take_dict_as_dto(Object v);

    byte[] take_bytes(Object v);

    Map<String, List<Integer>> take_nested(Object v);

    Mode take_enum(Object v);

    Mode take_unknown_enum(Object v);

    char take_char(Object v);

    Duration take_duration(Object v);

    LocalDate take_date(Object v);

    Object take_any(Object v);
}
