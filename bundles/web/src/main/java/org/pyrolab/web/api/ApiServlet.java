package org.pyrolab.web.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.lab.Daemon;
import org.pyrolab.api.lab.Deployer;
import org.pyrolab.api.lab.Logs;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.Services;
import org.pyrolab.api.lab.ServicesListener;
import org.pyrolab.daemon.text.ChangeLines;
import org.pyrolab.daemon.text.DriversText;
import org.pyrolab.daemon.text.Json;
import org.pyrolab.web.access.Replies;
import org.pyrolab.web.access.WebContext;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The JSON API under {@code /api/} (docs/web.md): the same objects as the {@code --json}
 * commands, written by the same writer, and the actions {@code start}, {@code stop} and
 * {@code restart}. The context ({@link WebContext}) has checked the session and, for a POST,
 * that it comes from the page itself.
 */
@Component(service = {Servlet.class, ServicesListener.class})
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardContextSelect(WebContext.SELECT)
public class ApiServlet extends HttpServlet implements ServicesListener {
    private static final long serialVersionUID = 1L;
    static final int DEFAULT_LINES = 100;
    static final int MAX_LINES = 1000;

    private final transient Services services;
    private final transient Daemon daemon;
    private final transient Logs logs;
    private final transient Deployer deployer;
    private final transient Streams streams;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RemoteAccess remote;

    @Activate
    public ApiServlet(@Reference Services services, @Reference Daemon daemon, @Reference Logs logs, @Reference Deployer deployer) {
        this.services = services;
        this.daemon = daemon;
        this.logs = logs;
        this.deployer = deployer;
        this.streams = new Streams(new Watch(services::list), () -> Json.line(daemon.status()));
    }

    @Deactivate
    void deactivate() {
        streams.close();
    }

    /** The registry's word that a service changed: the event streams look at once. */
    @Override
    public void changed() {
        streams.poke();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> path = path(request);
        String first = path.isEmpty() ? "" : path.get(0);
        if (path.size() == 1) {
            switch (first) {
                case "daemon" -> Replies.json(response, 200, daemon.status());
                case "services" -> Replies.json(response, 200, services.list());
                case "drivers" -> drivers(response);
                case "nameservers" -> Replies.json(response, 200, new NameServers(remote, services).list());
                case "events" -> streams.events(response);
                default -> notFound(request, response);
            }
        } else if (first.equals("logs") && path.size() == 2) {
            logTail(request, response, path.get(1));
        } else if (first.equals("logs") && path.size() == 3 && path.get(2).equals("follow")) {
            String service = service(path.get(1));
            try {
                logs.tail(service, 0); // an unknown name is a 404 before the stream starts
            } catch (IllegalArgumentException e) {
                Replies.error(response, 404, sentence(e.getMessage()));
                return;
            }
            streams.follow(response, logs, service);
        } else {
            notFound(request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> path = path(request);
        if (path.size() != 3 || !path.get(0).equals("services")) {
            notFound(request, response);
            return;
        }
        String name = path.get(1);
        String action = path.get(2);
        Function<String, ServiceChange> act = switch (action) {
            case "start" -> services::start;
            case "stop" -> services::stop;
            case "restart" -> services::restart;
            default -> null;
        };
        if (act == null) {
            notFound(request, response);
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("action", action);
        try {
            ServiceChange change = act.apply(name);
            answer.put("ok", true);
            answer.put("message", ChangeLines.line(change));
            Replies.json(response, 200, answer);
        } catch (IllegalArgumentException e) {
            answer.put("ok", false);
            answer.put("error", sentence(e.getMessage()));
            Replies.json(response, 404, answer);
        } catch (RuntimeException e) {
            answer.put("ok", false);
            answer.put("error", sentence(e.getMessage()));
            Replies.json(response, 409, answer);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException, jakarta.servlet.ServletException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) { // not even HEAD: a HEAD of /api/events would hold a stream
            response.setHeader("Allow", "GET, POST");
            Replies.error(response, 405, "The API answers GET and POST only.");
            return;
        }
        super.service(request, response);
    }

    private void drivers(HttpServletResponse response) throws IOException {
        List<DriverDTO> rows = new ArrayList<>(services.drivers());
        rows.addAll(deployer.problems());
        byte[] body = (DriversText.render(rows, deployer.directory(), true) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void logTail(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        int lines = DEFAULT_LINES;
        String given = request.getParameter("lines");
        if (given != null) {
            try {
                lines = Math.min(MAX_LINES, Integer.parseInt(given));
            } catch (NumberFormatException e) {
                lines = -1;
            }
            if (lines < 0) {
                Replies.error(response, 400, "`lines` must be a whole number from 0 to " + MAX_LINES + ", not `" + given + "`.");
                return;
            }
        }
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("name", name);
            answer.put("lines", logs.tail(service(name), lines));
            Replies.json(response, 200, answer);
        } catch (IllegalArgumentException e) {
            Replies.error(response, 404, sentence(e.getMessage()));
        }
    }

    /** {@code daemon} names the daemon's own log. */
    private static String service(String name) {
        return name.equals("daemon") ? null : name;
    }

    private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Replies.error(response, 404, "There is no " + request.getMethod() + " " + request.getRequestURI()
                + " in the API; docs/web.md lists what there is.");
    }

    /** The path below {@code /api/}, decoded, in parts. */
    private static List<String> path(HttpServletRequest request) {
        String info = request.getPathInfo();
        List<String> parts = new ArrayList<>();
        if (info != null) {
            for (String p : info.split("/")) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
        }
        return parts;
    }

    /** An exception's message as a sentence: capitalized, with a full stop. */
    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "It failed without saying why; see `pyrolab logs`.";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
    }
}
