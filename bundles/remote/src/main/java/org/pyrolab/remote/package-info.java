/**
 * PyroLab's remote access: the glue that exposes the daemon's services and name servers through
 * the Pyro5 engine of the {@code pyro5} bundle ({@code expose}: services as Pyro5 objects;
 * {@code lock}: instrument locks; {@code access}: endpoints, name servers and registrations behind
 * the {@code RemoteAccess} service).
 */
package org.pyrolab.remote;
