/**
 * Helpers for in-framework tests: waiting for services and conditions ({@link org.pyrolab.itest.support.Await}),
 * installing driver jars and finding their factories ({@link org.pyrolab.itest.support.Drivers}), calling exposed
 * driver methods ({@link org.pyrolab.itest.support.Exposed}) and a stand-in for the daemon's driver context.
 */
package org.pyrolab.itest.support;
