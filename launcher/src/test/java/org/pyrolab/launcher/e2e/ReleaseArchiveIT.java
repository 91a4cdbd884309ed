package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.junit.jupiter.api.Timeout;

/**
 * The release archive as a user gets it: unpacked into a folder whose path has a space, run from
 * another working folder with a temporary PYROLAB_HOME. Also the scripts' Java checks and the
 * root warning, which need an environment the shared harness does not give.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReleaseArchiveIT {
    private Path root;
    private Path installation;
    private Path home;
    private Path elsewhere;

    @BeforeEach
    void unpack() throws Exception {
        Path target = Pyrolab.INSTALLATION.getParent();
        List<Path> archives;
        try (Stream<Path> files = Files.list(target)) {
            archives = files.filter(p -> p.getFileName().toString().matches("pyrolab-.+\\.tar\\.gz")).collect(Collectors.toList());
        }
        assertThat(archives).as("release archive in %s", target).hasSize(1);
        root = Files.createTempDirectory("pyrolab release ").toRealPath();
        Path unpacked = Files.createDirectory(root.resolve("lab tools"));
        Process tar = new ProcessBuilder("tar", "xzf", archives.get(0).toString(), "-C", unpacked.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (Stream<Path> top = Files.list(unpacked)) {
            installation = top.collect(Collectors.toList()).get(0);
        }
        assertThat(installation.getFileName().toString()).startsWith("pyrolab-");
        home = root.resolve("my home");
        elsewhere = Files.createDirectory(root.resolve("work dir"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (Files.isDirectory(home)) {
                run(env(), "down");
            }
        } finally {
            String marker = root.toString();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                    .filter(p -> p.pid() != ProcessHandle.current().pid()).forEach(ProcessHandle::destroyForcibly);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PYROLAB_HOME", home.toString());
        env.put("PYROLAB_ALLOW_ROOT", "1");
        return env;
    }

    /** Runs the unpacked bin/pyrolab from {@link #elsewhere}; null values remove a variable. */
    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(installation.resolve("bin/pyrolab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(elsewhere.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(Pyrolab.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("pyrolab %s finished", args).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void unpackedArchiveRunsUpStatusDownFromAnotherFolder() throws Exception {
        assertThat(installation.resolve("bin/pyrolab")).isExecutable();
        assertThat(installation.resolve("docs/deployment.md")).exists();
        assertThat(installation.resolve("lib/pyrolab-client")).isExecutable();
        // the web page's folder, installed by the daemon only with `web: on`
        assertThat(installation.resolve("web/pyrolab-web.jar")).exists();
        assertThat(installation.resolve("web/org.apache.felix.http.jetty12.jar")).exists();
        Path report = root.resolve("native report");
        Map<String, String> env = env();
        env.put("PYROLAB_NATIVE_REPORT", report.toString());
        Result up = run(env, "up");
        assertThat(up.exit).as("%s", up).isZero();
        assertThat(up.out).startsWith("PyroLab daemon started (pid ");
        Result status = run(env, "status");
        assertThat(status.exit).as("%s", status).isZero();
        assertThat(status.out).startsWith("PyroLab daemon is running\n");
        Result down = run(env, "down");
        assertThat(down.exit).as("%s", down).isZero();
        assertThat(down.out).endsWith("PyroLab daemon stopped.\n");
        assertThat(run(env, "status").exit).isEqualTo(3);
        // paths with spaces: the native client served status and down
        assertThat(Files.readAllLines(report)).containsSubsequence("native status", "native down");
    }

    @Test
    void aNativeClientThisSystemCannotRunIsLeftToJava() throws Exception {
        Path client = installation.resolve("lib/pyrolab-client");
        Path report = root.resolve("native report");
        Map<String, String> env = env();
        env.put("PYROLAB_NATIVE_REPORT", report.toString());
        // built for a loader this system lacks (another architecture or C library): not even started
        Files.writeString(installation.resolve("lib/pyrolab-client.loader"), root.resolve("no such loader") + "\n");
        Result r = run(env, "status");
        assertThat(r.exit).as("%s", r).isEqualTo(3);
        assertThat(r.err).isEqualTo("pyrolab: PyroLab daemon is not running; start it with `pyrolab up`\n");
        assertThat(report).doesNotExist();
        // a loader that refuses it (too old a glibc) complains on fd 2 and exits 127: unheard, and Java runs
        Files.delete(installation.resolve("lib/pyrolab-client.loader"));
        Files.writeString(client, "#!/bin/sh\necho 'version GLIBC_9.99 not found' >&2\nexit 127\n");
        r = run(env, "status");
        assertThat(r.exit).as("%s", r).isEqualTo(3);
        assertThat(r.err).isEqualTo("pyrolab: PyroLab daemon is not running; start it with `pyrolab up`\n");
    }

    @Test
    void aHomeOutlivesAMoveOfItsInstallation() throws Exception {
        // an upgrade unpacks the new version into another folder: its core bundles have other
        // locations than the ones the home's bundle cache holds, yet the same names and versions
        Result first = run(env(), "up");
        assertThat(first.exit).as("%s", first).isZero();
        assertThat(run(env(), "down").exit).isZero();
        try (Pyrolab built = new Pyrolab()) {
            built.env("PYROLAB_HOME", home.toString());
            Result up = built.run("up");
            assertThat(up.exit).as("%s", up).isZero();
            Result status = built.run("status");
            assertThat(status.exit).as("%s", status).isZero();
            assertThat(built.run("down").exit).isZero();
        }
        Result back = run(env(), "up");
        assertThat(back.exit).as("%s", back).isZero();
    }

    @Test
    void theClassDataArchiveOfTheBuildStaysOutOfTheRelease() throws Exception {
        assertThat(installation.resolve("lib/daemon.jsa")).doesNotExist();
        Result up = run(env(), "up");
        assertThat(up.exit).as("%s", up).isZero();
        assertThat(up.err).isEmpty();
        // unpacked elsewhere, the first daemon writes an archive of its own for this home
        assertThat(run(env(), "down").exit).isZero();
        try (Stream<Path> files = Files.list(home.resolve("cache/cds"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".jsa"));
        }
    }

    @Test
    void aLinkOnThePathFindsTheInstallation() throws Exception {
        Path bin = Files.createDirectory(root.resolve("on path"));
        Files.createSymbolicLink(bin.resolve("pyrolab"), installation.resolve("bin/pyrolab"));
        Process p = new ProcessBuilder(bin.resolve("pyrolab").toString(), "--version").redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("pyrolab ");
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void rootIsWarnedOnceInUpAndInTheLog() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only as root");
        Map<String, String> env = env();
        env.put("PYROLAB_ALLOW_ROOT", null);
        Result up = run(env, "up");
        assertThat(up.exit).as("%s", up).isZero();
        String warning = "pyrolab: warning: the PyroLab daemon is running as root; it is meant to run as an ordinary user";
        assertThat(up.err.split(java.util.regex.Pattern.quote(warning), -1)).as("%s", up).hasSize(2);
        String log = Files.readString(home.resolve("logs/pyrolabd.log.0"));
        assertThat(log.split("meant to run as an ordinary user", -1)).as(log).hasSize(2);
    }

    /** A PATH with the tools the script needs, without java. */
    private Path pathWithoutJava() throws IOException {
        Path bin = Files.createDirectory(root.resolve("no java"));
        for (String tool : List.of("sh", "sed", "ls", "dirname", "head")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/bin", tool).toRealPath());
        }
        return bin;
    }

    @Test
    void missingJavaIsSaidClearly() throws Exception {
        Map<String, String> env = env();
        env.put("JAVA_HOME", null);
        env.put("PATH", pathWithoutJava().toString());
        Result r = run(env, "status");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).isEqualTo("pyrolab: Java was not found; install Java 17 or newer, or set JAVA_HOME to a Java 17+ installation\n");
    }

    @Test
    void oldJavaAndAWrongJavaHomeAreSaidClearly() throws Exception {
        Path old = Files.createDirectories(root.resolve("jdk8/bin"));
        Path java = Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'java version \"1.8.0_292\"' >&2\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = env();
        env.put("JAVA_HOME", old.getParent().toString());
        Result r = run(env, "status");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("is version 8, too old; PyroLab needs Java 17 or newer");

        env.put("JAVA_HOME", root.resolve("nowhere").toString());
        r = run(env, "status");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("JAVA_HOME is " + root.resolve("nowhere") + ", which has no bin/java");
    }

    @Test
    void autostartInstallStatusRemoveWithStandIns() throws Exception {
        Map<String, String> env = env();
        env.put("PYROLAB_CRONTAB_FILE", root.resolve("crontab").toString());
        env.put("PYROLAB_SYSTEMD_USER_DIR", root.resolve("units").toString());
        Result install = run(env, "autostart", "install");
        assertThat(install.exit).as("%s", install).isZero();
        assertThat(Files.readString(root.resolve("units/pyrolab.service")))
                .contains("ExecStart=\"" + installation.resolve("bin/pyrolab") + "\" up --foreground");
        Result status = run(env, "autostart", "status");
        assertThat(status.exit).as("%s", status).isZero();
        assertThat(status.out).contains("starts this installation");
        assertThat(run(env, "autostart", "remove").exit).isZero();
        assertThat(root.resolve("units/pyrolab.service")).doesNotExist();
        assertThat(root.resolve("crontab")).doesNotExist();
    }
}
