/** Plain data the daemon's services return: public fields, no behaviour. */
@Export
@Version("2.1.0")
package org.pyrolab.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
