package org.pyrolab.daemon.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A configuration file read into plain maps, lists and scalars, remembering the line of every
 * value by its path ({@code services.asgard.echo.driver}), so that each problem can name where
 * it is. Jackson's streaming parser reads both YAML and JSON; duplicate keys are refused.
 */
final class YamlTree {
    final Object root;
    private final Map<String, Integer> lines;

    private YamlTree(Object root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** The line of the value at {@code path}, or of its nearest parent that has one (1-based; 0 unknown). */
    int line(String path) {
        for (String p = path; ; p = p.substring(0, p.lastIndexOf('.'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.lastIndexOf('.') < 0) {
                return 0;
            }
        }
    }

    static YamlTree parse(String text, boolean json) throws ConfigException {
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlTree(new LinkedHashMap<String, Object>(), lines);
            }
            Object root = read(parser, "", lines);
            if (parser.nextToken() != null) {
                throw new ConfigException(parser.currentLocation().getLineNr(), "", "more than one document; keep one configuration per file");
            }
            return new YamlTree(root, lines);
        } catch (JsonParseException e) {
            throw new ConfigException(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(0, "", "cannot be read: " + e.getMessage());
        }
    }

    private static Object read(JsonParser parser, String path, Map<String, Integer> lines) throws IOException, ConfigException {
        JsonToken token = parser.currentToken();
        lines.put(path, parser.currentTokenLocation().getLineNr());
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    int line = parser.currentTokenLocation().getLineNr();
                    if (map.containsKey(key)) {
                        throw new ConfigException(line, child, "duplicate key `" + key + "`; keep one of them");
                    }
                    parser.nextToken();
                    map.put(key, read(parser, child, lines));
                    lines.put(child, line);
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                int i = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser, path + "[" + i++ + "]", lines));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new ConfigException(parser.currentTokenLocation().getLineNr(), path, "unexpected " + token);
        }
    }
}
