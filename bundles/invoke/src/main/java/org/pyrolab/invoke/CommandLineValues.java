package org.pyrolab.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code pyrolab call} arguments to decoded values: a word that reads as JSON is that value
 * ({@code 3}, {@code 2.5}, {@code true}, {@code null}, {@code [1,2]}, {@code {"a":1}},
 * {@code "42"} for the text 42), anything else is the text itself. JSON has no tuple, set or
 * bytes: a list serves for tuples and sets, and the bytes dict for bytes.
 */
public final class CommandLineValues {

    private static final ObjectMapper JSON = new ObjectMapper();

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
