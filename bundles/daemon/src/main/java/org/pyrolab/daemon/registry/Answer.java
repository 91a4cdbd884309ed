package org.pyrolab.daemon.registry;

import java.util.List;

/** What the caller of an event gets: an answer now, or the generation whose Reply it should wait for. */
sealed interface Answer {
    record Now(Outcome outcome) implements Answer {
    }

    record Await(String name, long generation) implements Answer {
    }

    /** The names that a Replace added, removed and changed. */
    record Diff(Changes changes) implements Answer {
    }

    /** The order in which to stop services when the daemon goes down. */
    record Order(List<String> names) implements Answer {
    }

    record Changes(List<String> added, List<String> gone, List<String> changed) {
    }
}
