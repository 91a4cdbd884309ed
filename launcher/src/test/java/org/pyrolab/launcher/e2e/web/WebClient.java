package org.pyrolab.launcher.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.pyrolab.launcher.e2e.Pyrolab;

/** A browser's view of the page, with java.net.http: the login link, the cookie, requests and event streams. */
final class WebClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final HttpClient http;
    final URI base;
    String cookie;
    private final List<Stream> streams = new ArrayList<>();

    WebClient(URI link, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
        this.base = link.resolve("/");
    }

    /** {@code pyrolab web}'s link; fails the test unless it prints one. */
    static URI link(Pyrolab lab) {
        Pyrolab.Result web = lab.run("web");
        assertThat(web.exit).as("%s", web).isZero();
        assertThat(web.out.strip()).matches("https?://[^/]+:\\d+/\\?token=[A-Za-z0-9_-]{22,}");
        return URI.create(web.out.strip());
    }

    /** Follows a login link: 303 to / with the session cookie, which later requests carry. */
    HttpResponse<String> login(URI link) {
        HttpResponse<String> r = get(link.toString().substring(base.toString().length() - 1));
        if (r.statusCode() == 303) {
            String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
        }
        return r;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String... headers) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An open Server-Sent Events stream, its lines read on a thread of its own. */
    final class Stream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // the test closed it, or the server ended it
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The data of the next event {@code name} whose data contains {@code part}; fails after {@link #WAIT}. */
        String await(String name, String part) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            String event = null;
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                seen.add(line.length() > 200 ? line.substring(0, 200) + "..." : line);
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && name.equals(event) && line.contains(part)) {
                    return line.substring(6);
                }
            }
            throw new AssertionError("no `" + name + "` event with " + part + " within " + WAIT + "; saw:\n" + String.join("\n", seen));
        }

        @Override
        public void close() throws IOException {
            response.body().close();
            reader.interrupt();
        }
    }

    /** Opens an event stream at {@code path}; the status and headers have arrived when it returns. */
    Stream stream(String path) {
        try {
            HttpResponse<InputStream> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            Stream s = new Stream(r);
            streams.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (Stream s : streams) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
    }
}
