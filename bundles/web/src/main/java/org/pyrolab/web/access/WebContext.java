package org.pyrolab.web.access;

import java.io.IOException;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page's servlet context at {@code /}: every request to the page and its API passes
 * {@link #handleSecurity} first. A {@code ?token=} is traded for a session cookie (303 to
 * {@code /}); without an open session nothing is served (401); a POST must pass
 * {@link CrossSite} and carry a small body at most.
 */
@Component(service = ServletContextHelper.class, property = Constants.SERVICE_RANKING + ":Integer=100")
@HttpWhiteboardContext(name = WebContext.NAME, path = "/")
public class WebContext extends ServletContextHelper {
    public static final String NAME = "org.pyrolab.web";
    /** For {@code @HttpWhiteboardContextSelect} of the page's servlets. */
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    /** The most a POST may carry. */
    public static final int MAX_BODY = 4096;
    static final String SPENT = "This link was used already or has expired; run `pyrolab web` for a new one.";
    static final String NO_SESSION = "You are not signed in to this PyroLab daemon; open the link `pyrolab web` prints.";

    private final Access access;

    @Activate
    public WebContext(@Reference Gate gate) {
        this.access = gate.access;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Replies.securityHeaders(response);
        String path = request.getRequestURI();
        boolean api = path.startsWith("/api/") || path.equals("/api");
        String token = Gate.query(request.getQueryString(), "token");
        if (token != null && !api && "GET".equals(request.getMethod())) {
            String session = access.login(token);
            if (session == null) {
                Replies.page(response, HttpServletResponse.SC_FORBIDDEN, "PyroLab: link expired", SPENT);
                return false;
            }
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", "/");
            response.addHeader("Set-Cookie", Gate.cookie(session, request.isSecure()));
            response.setContentLength(0);
            response.flushBuffer();
            return false;
        }
        if (!access.check(Gate.session(request))) {
            if (api) {
                Replies.error(response, HttpServletResponse.SC_UNAUTHORIZED, NO_SESSION);
            } else {
                Replies.page(response, HttpServletResponse.SC_UNAUTHORIZED, "PyroLab: not signed in", NO_SESSION);
            }
            return false;
        }
        if ("POST".equals(request.getMethod())) {
            String refusal = CrossSite.refusal(request.getScheme(), request.getHeader("Host"), request.getHeader(CrossSite.HEADER),
                    request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
            if (refusal != null) {
                Replies.error(response, HttpServletResponse.SC_FORBIDDEN, refusal);
                return false;
            }
            if (request.getContentLengthLong() > MAX_BODY || !bodyFits(request)) {
                Replies.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The request's body is larger than "
                        + MAX_BODY + " bytes; the page's actions carry none.");
                return false;
            }
        }
        return true;
    }

    /** Reads (and drops) a body of unannounced length, at most one byte beyond {@link #MAX_BODY}. */
    private static boolean bodyFits(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() == 0) {
            return true;
        }
        byte[] buffer = new byte[1024];
        long total = 0;
        try (java.io.InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0 && total <= MAX_BODY; n = in.read(buffer)) {
                total += n;
            }
        }
        return total <= MAX_BODY;
    }
}
