package org.pyrolab.web.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A Server-Sent Events stream on a response. Each event is written and flushed at once; a write
 * to a browser that stopped reading fails after Jetty's idle timeout (10 s), which ends the stream.
 */
final class Sse {
    private final HttpServletResponse response;
    private final OutputStream out;

    Sse(HttpServletResponse response) throws IOException {
        this.response = response;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        this.out = response.getOutputStream();
        response.flushBuffer();
    }

    /** {@code event: NAME} and {@code data: TEXT}; a text of several lines becomes several data lines. */
    void event(String name, String data) throws IOException {
        StringBuilder text = new StringBuilder("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        send(text.append('\n').toString());
    }

    /** A comment line, which browsers ignore: keeps proxies and the idle timeout from closing a quiet stream. */
    void comment(String text) throws IOException {
        send(": " + text + "\n\n");
    }

    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        response.flushBuffer();
    }
}
