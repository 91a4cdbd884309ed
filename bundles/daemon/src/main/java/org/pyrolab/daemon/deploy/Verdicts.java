package org.pyrolab.daemon.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

/**
 * What the deploy directory says about one file, and when a file has been quiet long enough to
 * be judged. Pure: the facts and the time are inputs, so it is tested without a framework, a
 * file system or a clock ({@code VerdictsTest}). Nothing here starts, resolves or installs.
 */
final class Verdicts {
    /**
     * A file that is not (yet) a readable jar may still be being copied, however slowly: it is
     * reported only once it has not changed for this long.
     */
    static final long QUIET_MS = 10_000;

    /** What the file is: a jar's symbolic name, or why it is no bundle. */
    record FileFacts(boolean jar, String symbolicName, String whyNotABundle) {
    }

    /** The framework's view of the bundle installed from the file: state, fragment, requirements nobody provides. */
    record BundleFacts(int state, boolean fragment, List<String> missing) {
    }

    /** An active bundle: what the daemon-free listing assumes of a readable bundle jar ({@link DeployListing}). */
    static final BundleFacts RUNNING = new BundleFacts(Bundle.ACTIVE, false, List.of());

    /** A problem, or none; {@code pending} when the file is not judged yet (then {@code problem} is null). */
    record Verdict(String problem, boolean pending) {
        static final Verdict FINE = new Verdict(null, false);
        static final Verdict PENDING = new Verdict(null, true);
    }

    /** The size and modification time last seen, and since when they have been so. */
    private record Seen(long size, long modified, long since) {
    }

    private final Map<Path, Seen> seen = new HashMap<>();
    /** Per bundle id: the state last seen (as size, modified unused) and since when. */
    private final Map<Long, Seen> bundles = new HashMap<>();

    /**
     * Records what the file looks like at {@code now} and returns when it will have been quiet for
     * {@link #QUIET_MS}. The first sight counts from the modification time (a file left from an
     * earlier run is judged at once); a change seen later counts from when it was seen.
     */
    synchronized long observe(Path file, long size, long modified, long now) {
        Seen s = seen.get(file);
        if (s == null) {
            s = new Seen(size, modified, Math.min(now, modified));
        } else if (s.size() != size || s.modified() != modified) {
            s = new Seen(size, modified, now);
        }
        seen.put(file, s);
        return s.since() + QUIET_MS;
    }

    /**
     * Records a bundle's state at {@code now} and returns when it will have kept it for
     * {@link #QUIET_MS}: a bundle first seen, or seen in a new state, counts from now, so one the
     * framework or FileInstall is still busy with (at start-up, say) is not judged early.
     */
    synchronized long observe(long bundleId, int state, long now) {
        Seen s = bundles.get(bundleId);
        if (s == null || s.size() != state) {
            s = new Seen(state, 0, now);
            bundles.put(bundleId, s);
        }
        return s.since() + QUIET_MS;
    }

    /** Forgets an uninstalled bundle. */
    synchronized void forget(long bundleId) {
        bundles.remove(bundleId);
    }

    /** Forgets a file that is gone. */
    synchronized void forget(Path file) {
        seen.remove(file);
    }

    /**
     * The verdict on a file: {@code bundle} null when no bundle is installed from it; {@code quiet}
     * whether the file (and the bundle's state, if there is one) has stopped changing.
     */
    static Verdict judge(String fileName, FileFacts file, BundleFacts bundle, boolean quiet) {
        if (!fileName.endsWith(".jar")) {
            return new Verdict("ignored: only .jar files in the deploy directory are installed", false);
        }
        if (bundle != null && bundle.state() == Bundle.ACTIVE) {
            return Verdict.FINE;
        }
        if (file.symbolicName() == null) {
            return quiet ? new Verdict("not an OSGi bundle (" + file.whyNotABundle() + ")", false) : Verdict.PENDING;
        }
        if (bundle == null) {
            return Verdict.PENDING; // FileInstall has not got to it yet
        }
        if (bundle.fragment() && bundle.state() == Bundle.RESOLVED) {
            return Verdict.FINE;
        }
        if (bundle.state() == Bundle.INSTALLED && !bundle.missing().isEmpty()) {
            return new Verdict("its imports cannot be resolved: nothing provides " + String.join(", ", bundle.missing()), false);
        }
        if (!quiet) {
            return Verdict.PENDING; // FileInstall resolves and starts what it installs, and tries again when bundles change
        }
        if (bundle.state() == Bundle.INSTALLED) {
            return new Verdict("its imports cannot be resolved: what it needs is installed but does not resolve either", false);
        }
        if (bundle.state() == Bundle.RESOLVED) {
            return new Verdict("it does not start (resolved, not active); FileInstall's \"Error while starting bundle\" in `pyrolab logs` says why", false);
        }
        return Verdict.PENDING; // STARTING or STOPPING: on its way
    }
}
