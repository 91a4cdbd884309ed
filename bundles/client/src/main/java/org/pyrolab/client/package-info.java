/**
 * A client for experiment code written in Java: find a PyroLab (or Pyro5) name server with
 * {@link org.pyrolab.client.Lab}, look a service up and call it through a typed proxy of your own
 * interface, which also implements {@link org.pyrolab.client.Instrument} (lock, unlock, ping,
 * close). Remote errors arrive as {@link org.pyrolab.client.RemoteException}.
 */
@Export
@Version("1.1.0")
package org.pyrolab.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
