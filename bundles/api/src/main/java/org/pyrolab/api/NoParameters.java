package org.pyrolab.api;

/** The parameters of a driver that takes none. */
public @interface NoParameters {
}
