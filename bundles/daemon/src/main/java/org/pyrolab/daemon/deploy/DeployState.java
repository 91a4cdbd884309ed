package org.pyrolab.daemon.deploy;

import java.util.concurrent.CompletableFuture;

/**
 * What the registry's wait for autolaunch needs of the deploy directory: whether it has settled,
 * and a signal whenever that may have changed, so the wait is woken instead of asking again on a timer.
 */
public interface DeployState {

    /** Whether every jar in the deploy directory has been installed, or found not to run. */
    boolean settled();

    /** Completed (and replaced) when a file changes, a pending file's quiet time ends, or a deploy-directory bundle changes state. */
    CompletableFuture<Void> nextChange();
}
