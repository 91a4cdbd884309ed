/**
 * Drivers that fail on purpose, for the in-framework tests of the registry (bundles/itest):
 * {@code test.ok}, {@code test.throws}, {@code test.hangs}, {@code test.hangsonclose},
 * {@code test.dieslater}. Not exported, not part of any installation.
 */
package org.pyrolab.itest.drivers;
