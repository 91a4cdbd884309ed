package org.pyrolab.web.access;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** The one {@link Access} of this page, shared by the context that checks requests and the service that makes links. */
@Component(service = Gate.class)
public class Gate {
    public static final String COOKIE = "pyrolab-session";

    final Access access = new Access();

    /** A new one-time login token. */
    public String token() {
        return access.token();
    }

    /** The {@code Set-Cookie} value of a new session. */
    static String cookie(String session, boolean secure) {
        return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static String session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** One parameter of a query string, or null; read from the query only, never from a body. */
    static String query(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return "";
                }
            }
        }
        return null;
    }
}
