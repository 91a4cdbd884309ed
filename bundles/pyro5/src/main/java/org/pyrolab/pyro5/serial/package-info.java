/**
 * Pyro5 payloads: the serpent and json serializers with parser limits, URIs, Pyro exception
 * dicts, and how Java values map to Python ones.
 */
@Export
@Version("1.0.0")
package org.pyrolab.pyro5.serial;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
