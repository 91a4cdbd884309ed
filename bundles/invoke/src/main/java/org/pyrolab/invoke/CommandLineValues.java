package org.pyrolab.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code pyrolab call} arguments to decoded values: a word that reads as JSON is that value
 * ({@code 3}, {@code 2.5}, {@code true}, {@code null}, {@code [1,2]}, {@code {"a":1}},
 * {@code "42"} for the text 42, {@code NaN}, {@code Infinity}), anything else is the text itself. JSON has no tuple, set or
 * bytes: a list serves for tuples and sets, and the bytes dict for bytes.
 */
public final class CommandLineValues {

    /** NaN and Infinity as Python's json writes them; "3 apples" is text, not 3 with words after it. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CommandLineValues() {
    }

    public static Object parse(String word) {
        try {
            return JSON.readValue(word, Object.class);
        } catch (JsonProcessingException notJson) {
            return word;
        }
    }
}
