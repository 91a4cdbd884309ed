package org.pyrolab.web.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pyrolab.daemon.text.Json;

import jakarta.servlet.http.HttpServletResponse;

/** The answers every part of the page shares: JSON bodies, short HTML pages, and the headers that keep the page to itself. */
public final class Replies {
    private Replies() {
    }

    /** On every response: no framing by other sites, no sniffing, no caching, scripts from this page only. */
    public static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }

    /** {@code value} as the {@code --json} commands write it, with {@code status}. */
    public static void json(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] body = (Json.of(value) + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** {@code {"error": "sentence"}}. */
    public static void error(HttpServletResponse response, int status, String sentence) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", sentence);
        json(response, status, body);
    }

    /** A page of one sentence, for a browser that asked for a page. */
    public static void page(HttpServletResponse response, int status, String title, String sentence) throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title></head>\n<body><main><h1>"
                + escape(title) + "</h1><p>" + escape(sentence) + "</p></main></body></html>\n";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
