package org.pyrolab.daemon.registry;

import java.util.List;
import java.util.Map;

/**
 * What the state machine knows: every record, in configuration order, and the names in the
 * order they reached RUNNING ({@code down} stops them in reverse). Immutable.
 */
record SupervisorState(Map<String, ServiceRecord> records, List<String> startOrder) {
    static final SupervisorState EMPTY = new SupervisorState(Map.of(), List.of());
}
