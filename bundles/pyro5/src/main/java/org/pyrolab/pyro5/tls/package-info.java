/**
 * TLS as Pyro5's SSL mode uses it: {@link javax.net.ssl.SSLContext}s for servers and clients made
 * from PEM files (certificate chain, private key, CA), TLS 1.2 and 1.3 only. JDK only: PEM keys
 * in PKCS#8, PKCS#1 (RSA) and SEC1 (EC) are read here without a crypto library.
 */
@Export
@Version("1.0.0")
package org.pyrolab.pyro5.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
