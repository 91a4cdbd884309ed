package org.pyrolab.daemon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.daemon.deploy.Verdicts.QUIET_MS;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Bundle;
import org.pyrolab.daemon.deploy.Verdicts.BundleFacts;
import org.pyrolab.daemon.deploy.Verdicts.FileFacts;
import org.pyrolab.daemon.deploy.Verdicts.Verdict;

/** The deploy directory's verdicts and its quiet time, with the time as an input: no sleeps, no framework. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class VerdictsTest {
    static final Path FILE = Path.of("/deploy/a.jar");
    static final FileFacts GARBAGE = new FileFacts(true, null, "not a jar file");
    static final FileFacts BUNDLE = new FileFacts(true, "a", null);

    @Test
    void aFileSeenForTheFirstTimeCountsFromItsModificationTime() {
        Verdicts v = new Verdicts();
        assertThat(v.observe(FILE, 100, 1_000, 50_000)).as("left from an earlier run: quiet at once").isEqualTo(1_000 + QUIET_MS);
        Verdicts fresh = new Verdicts();
        assertThat(fresh.observe(FILE, 100, 90_000, 50_000)).as("a modification time in the future counts from now").isEqualTo(50_000 + QUIET_MS);
    }

    @Test
    void everyChangeOfSizeOrTimeStartsTheQuietTimeAgain() {
        Verdicts v = new Verdicts();
        long now = 100_000;
        assertThat(v.observe(FILE, 10, now, now)).isEqualTo(now + QUIET_MS);
        assertThat(v.observe(FILE, 10, now, now + 4_000)).as("unchanged").isEqualTo(now + QUIET_MS);
        assertThat(v.observe(FILE, 20, now, now + 4_500)).as("grown, same time (cp -p)").isEqualTo(now + 4_500 + QUIET_MS);
        assertThat(v.observe(FILE, 20, now + 6_000, now + 6_000)).as("touched").isEqualTo(now + 6_000 + QUIET_MS);
        v.forget(FILE);
        assertThat(v.observe(FILE, 20, now + 6_000, now + 30_000)).as("forgotten: first sight again").isEqualTo(now + 6_000 + QUIET_MS);
    }

    @Test
    void aBundleIsQuietTenSecondsAfterItsStateWasLastSeenToChange() {
        Verdicts v = new Verdicts();
        long now = 100_000;
        assertThat(v.observe(7, Bundle.INSTALLED, now)).as("first sight counts from now").isEqualTo(now + QUIET_MS);
        assertThat(v.observe(7, Bundle.INSTALLED, now + 5_000)).isEqualTo(now + QUIET_MS);
        assertThat(v.observe(7, Bundle.RESOLVED, now + 6_000)).isEqualTo(now + 6_000 + QUIET_MS);
        v.forget(7);
        assertThat(v.observe(7, Bundle.RESOLVED, now + 7_000)).isEqualTo(now + 7_000 + QUIET_MS);
    }

    @Test
    void whatIsNoReadableBundleIsReportedOnlyOnceQuiet() {
        assertThat(Verdicts.judge("a.jar", GARBAGE, null, false)).isEqualTo(Verdict.PENDING);
        assertThat(Verdicts.judge("a.jar", GARBAGE, null, true).problem()).isEqualTo("not an OSGi bundle (not a jar file)");
        assertThat(Verdicts.judge("a.jar", new FileFacts(true, null, "its manifest has no Bundle-SymbolicName"), null, true).problem())
                .isEqualTo("not an OSGi bundle (its manifest has no Bundle-SymbolicName)");
    }

    @Test
    void otherFilesAreIgnoredAtOnce() {
        Verdict notes = Verdicts.judge("notes.txt", new FileFacts(false, null, null), null, false);
        assertThat(notes.problem()).isEqualTo("ignored: only .jar files in the deploy directory are installed");
        assertThat(notes.pending()).isFalse();
    }

    @Test
    void aBundleFileInstallHasNotInstalledYetIsPendingHoweverOld() {
        assertThat(Verdicts.judge("a.jar", BUNDLE, null, true)).isEqualTo(Verdict.PENDING);
    }

    @Test
    void activeBundlesAndResolvedFragmentsAreFine() {
        assertThat(Verdicts.judge("a.jar", BUNDLE, new BundleFacts(Bundle.ACTIVE, false, List.of()), false)).isEqualTo(Verdict.FINE);
        assertThat(Verdicts.judge("a.jar", BUNDLE, new BundleFacts(Bundle.RESOLVED, true, List.of()), false)).isEqualTo(Verdict.FINE);
        assertThat(Verdicts.judge("a.jar", GARBAGE, new BundleFacts(Bundle.ACTIVE, false, List.of()), false))
                .as("an active bundle whose file is being replaced keeps running").isEqualTo(Verdict.FINE);
    }

    @Test
    void missingImportsAreReportedAtOnceWithWhatIsMissing() {
        Verdict v = Verdicts.judge("a.jar", BUNDLE, new BundleFacts(Bundle.INSTALLED, false,
                List.of("osgi.wiring.package (osgi.wiring.package=com.example.nowhere)")), false);
        assertThat(v.problem()).startsWith("its imports cannot be resolved").contains("com.example.nowhere");
    }

    @Test
    void aBundleThatIsNotActiveForNoVisibleReasonIsGivenTheQuietTime() {
        BundleFacts installed = new BundleFacts(Bundle.INSTALLED, false, List.of());
        BundleFacts resolved = new BundleFacts(Bundle.RESOLVED, false, List.of());
        assertThat(Verdicts.judge("a.jar", BUNDLE, installed, false)).as("FileInstall is about to start it").isEqualTo(Verdict.PENDING);
        assertThat(Verdicts.judge("a.jar", BUNDLE, resolved, false)).isEqualTo(Verdict.PENDING);
        assertThat(Verdicts.judge("a.jar", BUNDLE, installed, true).problem()).startsWith("its imports cannot be resolved");
        assertThat(Verdicts.judge("a.jar", BUNDLE, resolved, true).problem()).startsWith("it does not start");
        assertThat(Verdicts.judge("a.jar", BUNDLE, new BundleFacts(Bundle.STARTING, false, List.of()), true)).isEqualTo(Verdict.PENDING);
    }
}
