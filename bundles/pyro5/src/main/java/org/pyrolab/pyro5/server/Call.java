package org.pyrolab.pyro5.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.pyro5.serial.RemoteError;

/**
 * A decoded INVOKE: serpent sends the tuple {@code (object, method, params, kwargs)}, json the dict
 * {@code {"object","method","params","kwargs"}}. kwargs None means none.
 */
public record Call(String object, String method, List<Object> params, Map<String, Object> kwargs) {

    public Call {
        params = params == null ? List.of() : params;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }

    static Call from(Object decoded) {
        Object obj;
        Object method;
        Object params;
        Object kwargs;
        if (decoded instanceof Object[] t && t.length == 4) {
            obj = t[0];
            method = t[1];
            params = t[2];
            kwargs = t[3];
        } else if (decoded instanceof List<?> l && l.size() == 4) {
            obj = l.get(0);
            method = l.get(1);
            params = l.get(2);
            kwargs = l.get(3);
        } else if (decoded instanceof Map<?, ?> m && m.containsKey("object") && m.containsKey("method")) {
            obj = m.get("object");
            method = m.get("method");
            params = m.get("params");
            kwargs = m.get("kwargs");
        } else {
            throw new RemoteError("Pyro5.errors.ProtocolError", "invalid invoke message");
        }
        if (!(obj instanceof String o) || !(method instanceof String name)) {
            throw new RemoteError("Pyro5.errors.ProtocolError", "invalid invoke message: object and method must be str");
        }
        return new Call(o, name, list(params), kwargs(kwargs));
    }

    /** A tuple or list as a list (which may hold nulls). */
    public static List<Object> list(Object params) {
        if (params == null) {
            return List.of();
        }
        if (params instanceof Object[] a) {
            return Arrays.asList(a);
        }
        if (params instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        throw new RemoteError("builtins.TypeError", "params must be a tuple or list");
    }

    /** A kwargs dict with str keys; None is empty. */
    public static Map<String, Object> kwargs(Object kwargs) {
        if (kwargs == null) {
            return Map.of();
        }
        if (!(kwargs instanceof Map<?, ?> m)) {
            throw new RemoteError("builtins.TypeError", "kwargs must be a dict");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
