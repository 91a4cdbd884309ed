package org.pyrolab.web.access;

/**
 * Whether a POST may change something: it must carry {@code X-PyroLab: 1} (a header a page of
 * another site cannot set without a CORS preflight, which this server never grants), and the
 * browser's own statements, when it makes them, must say the request comes from this page:
 * {@code Origin} equal to the request's own scheme://host:port, {@code Sec-Fetch-Site:
 * same-origin}. Plain data in, a refusal sentence out, so it is tested without a server.
 */
public final class CrossSite {
    public static final String HEADER = "X-PyroLab";

    private CrossSite() {
    }

    /**
     * Null when the POST may go on, else the sentence saying why not.
     *
     * @param scheme       {@code http} or {@code https}, as the server received it
     * @param host         the {@code Host} header
     * @param marker       the {@code X-PyroLab} header, or null
     * @param origin       the {@code Origin} header, or null
     * @param fetchSite    the {@code Sec-Fetch-Site} header, or null
     */
    public static String refusal(String scheme, String host, String marker, String origin, String fetchSite) {
        if (!"1".equals(marker)) {
            return "A cross-site request was refused: a POST must carry the header `X-PyroLab: 1`.";
        }
        if (origin != null && (host == null || !origin.equalsIgnoreCase(scheme + "://" + host))) {
            return "A cross-site request was refused: it comes from " + origin + ", not from this page.";
        }
        if (fetchSite != null && !fetchSite.equals("same-origin")) {
            return "A cross-site request was refused: the browser says it is " + fetchSite + ", not same-origin.";
        }
        return null;
    }
}
