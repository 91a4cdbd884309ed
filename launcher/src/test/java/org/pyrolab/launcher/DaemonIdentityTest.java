package org.pyrolab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.DaemonIdentity.Facts;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DaemonIdentityTest {
    private static final Path INSTALL = Paths.get("/opt/pyrolab");
    private static final Path HOME = Paths.get("/srv/lab/home");
    private static final Path USER_HOME = Paths.get("/home/ada");
    private static final String CP = "/opt/pyrolab/lib/launcher.jar:/opt/pyrolab/lib/felix.jar";

    private static boolean matches(List<String> argv, Map<String, String> env, Path cwd) {
        return DaemonIdentity.isDaemonOf(new Facts(argv, env, cwd), INSTALL, HOME, "Linux", USER_HOME);
    }

    private static List<String> background(String data, String install) {
        return List.of("/usr/lib/jvm/bin/java", "-Xss512k", "-Djava.util.logging.manager=x", "-Dpyrolab.data=" + data,
                "-Dpyrolab.config=" + data, "-Dpyrolab.install=" + install, "-cp", CP, "org.pyrolab.launcher.DaemonMain");
    }

    private static List<String> foreground(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("java", "-Xss512k", "-cp", "/opt/pyrolab/lib/*", "org.pyrolab.launcher.Main"));
        argv.addAll(List.of(args));
        return argv;
    }

    @Test
    void theBackgroundDaemonOfThisInstallationAndHome() {
        assertThat(matches(background("/srv/lab/home", "/opt/pyrolab"), null, null)).isTrue();
        assertThat(matches(background("/srv/lab/home/", "/opt/pyrolab/"), null, null)).as("same paths, spelled differently").isTrue();
    }

    @Test
    void aHomeOrInstallationThatOnlyStartsTheSameIsAnother() {
        assertThat(matches(background("/srv/lab/home2", "/opt/pyrolab"), null, null)).isFalse();
        assertThat(matches(background("/srv/lab/home-old", "/opt/pyrolab"), null, null)).isFalse();
        assertThat(matches(background("/srv/lab", "/opt/pyrolab"), null, null)).isFalse();
        assertThat(matches(background("/srv/lab/home", "/opt/pyrolab-1.0"), null, null)).as("another installation").isFalse();
    }

    @Test
    void aProcessThatMerelyMentionsTheMainClassIsNot() {
        // a shell whose command line holds every word of a daemon's
        assertThat(matches(List.of("/bin/sh", "-c", "sleep 600; :", "org.pyrolab.launcher.DaemonMain", "-Dpyrolab.data=/srv/lab/home",
                "-Dpyrolab.install=/opt/pyrolab"), null, null)).isFalse();
        // a java process whose main class is another one, with the daemon's words as arguments
        assertThat(matches(List.of("java", "-cp", "x.jar", "org.example.Tool", "-Dpyrolab.data=/srv/lab/home", "-Dpyrolab.install=/opt/pyrolab",
                "org.pyrolab.launcher.DaemonMain"), null, null)).isFalse();
        assertThat(matches(List.of(), null, null)).isFalse();
    }

    @Test
    void aForegroundDaemonByItsHomeOption() {
        assertThat(matches(foreground("--home", "/srv/lab/home", "up", "--foreground"), null, null)).isTrue();
        assertThat(matches(foreground("--verbose", "--home", "home", "up", "--config", "/x.yaml", "--foreground"), null, Paths.get("/srv/lab")))
                .as("relative to its working folder").isTrue();
        assertThat(matches(foreground("--home", "home", "up", "--foreground"), null, null)).as("relative, folder unknown").isFalse();
        assertThat(matches(foreground("--home", "/srv/lab/home2", "up", "--foreground"), null, null)).isFalse();
    }

    @Test
    void aForegroundDaemonByItsEnvironment() {
        assertThat(matches(foreground("up", "--foreground"), Map.of("PYROLAB_HOME", "/srv/lab/home"), null)).isTrue();
        assertThat(matches(foreground("up", "--foreground"), Map.of("PYROLAB_HOME", "/srv/lab/home2"), null)).isFalse();
        assertThat(matches(foreground("up", "--foreground"), null, null)).as("environment unreadable: not proven").isFalse();
        // no PYROLAB_HOME: the usual folders of its environment
        Path xdgData = USER_HOME.resolve(".local/share/pyrolab");
        assertThat(DaemonIdentity.isDaemonOf(new Facts(foreground("up", "--foreground"), Map.of(), null), INSTALL, xdgData, "Linux", USER_HOME))
                .isTrue();
        assertThat(DaemonIdentity.isDaemonOf(new Facts(foreground("up", "--foreground"), Map.of("XDG_DATA_HOME", "/data"), null), INSTALL,
                xdgData, "Linux", USER_HOME)).isFalse();
    }

    @Test
    void onlyUpForegroundOfThisInstallationIsADaemon() {
        Map<String, String> env = Map.of("PYROLAB_HOME", "/srv/lab/home");
        assertThat(matches(foreground("up"), env, null)).as("the short-lived up").isFalse();
        assertThat(matches(foreground("up", "--force"), env, null)).isFalse();
        assertThat(matches(foreground("logs", "-f", "--foreground"), env, null)).isFalse();
        List<String> otherInstall = List.of("java", "-cp", "/opt/pyrolab-2/lib/*", "org.pyrolab.launcher.Main", "up", "--foreground");
        assertThat(matches(otherInstall, env, null)).isFalse();
        List<String> installProperty = List.of("java", "-Dpyrolab.install=/opt/pyrolab", "-cp", "/elsewhere/lib/*", "org.pyrolab.launcher.Main",
                "up", "--foreground");
        assertThat(matches(installProperty, env, null)).isTrue();
    }
}
