package org.pyrolab.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.pyrolab.web.access.Replies;
import org.pyrolab.web.access.WebContext;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page's files, from the bundle's {@code page/} folder: {@code /} is {@code index.html}. A
 * servlet rather than a whiteboard resource so that {@code /} itself serves the page; only plain
 * file names, no sub-folders, so no path can reach outside {@code page/}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardContextSelect(WebContext.SELECT)
public class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String FOLDER = "/page/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "json", "application/json;charset=utf-8", "webmanifest", "application/manifest+json");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        String type = name.contains(".") ? TYPES.get(name.substring(name.lastIndexOf('.') + 1)) : null;
        URL file = name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && type != null ? getClass().getResource(FOLDER + name) : null;
        if (file == null) {
            Replies.page(response, HttpServletResponse.SC_NOT_FOUND, "PyroLab: not found", "There is no " + path + " on this page.");
            return;
        }
        byte[] body;
        try (InputStream in = file.openStream()) {
            body = in.readAllBytes();
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
