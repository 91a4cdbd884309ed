package org.pyrolab.api.lab;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The daemon's web page (bundle {@code org.pyrolab.web}), registered only while the
 * configuration says {@code web: on}; while the page could not start, the daemon registers one
 * whose {@link #login()} throws the reason. Access is like Jupyter's: {@link #login()} makes a link
 * that carries a one-time token, which the page trades for a session cookie.
 */
@ProviderType
public interface WebPage {

    /**
     * {@code http(s)://HOST:PORT/?token=T} with a fresh one-time token: valid for one use within
     * five minutes. Throws IllegalStateException with one sentence when the page is not serving.
     */
    URI login();
}
