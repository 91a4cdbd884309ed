/**
 * The Pyro5 wire protocol (502) for PyroLab: message framing ({@code wire}), the serpent and json
 * serializers ({@code serial}), the endpoint that serves objects ({@code server}), instrument
 * locks ({@code lock}) and the name server ({@code ns}). Private to this bundle; the daemon drives
 * {@link org.pyrolab.remote.server.PyroServer} and {@link org.pyrolab.remote.ns.NameServerHost}.
 */
package org.pyrolab.remote;
