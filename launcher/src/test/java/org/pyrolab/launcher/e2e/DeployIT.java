package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrolab.launcher.e2e.Lab.await;
import static org.pyrolab.launcher.e2e.Lab.awaitState;
import static org.pyrolab.launcher.e2e.Lab.ok;
import static org.pyrolab.launcher.e2e.Lab.state;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's deploy directory through the real CLI, one daemon for the class: {@code install},
 * {@code uninstall}, files that are no bundles, and a jar copied slowly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeployIT {
    static final String SAMPLE = "org.pyrolab.driver.sample";
    static final Path SAMPLE_JAR = Pyrolab.INSTALLATION.resolve("drivers/driver.sample.jar");

    private Pyrolab pyrolab;
    private Path deploy;

    @BeforeAll
    void up() throws Exception {
        pyrolab = new Pyrolab();
        Path config = Lab.write(pyrolab.root.resolve("lab.yaml"), String.join("\n",
                "services:",
                "  e1:",
                "    driver: sample.echo",
                "  e2:",
                "    driver: sample.echo",
                "  l1:",
                "    driver: sim.laser",
                "autolaunch:",
                "  services: [e1, e2, l1]",
                ""));
        pyrolab.up("--config", config.toString());
        deploy = pyrolab.home.resolve("deploy");
        awaitState(pyrolab, "e1", "RUNNING");
    }

    @AfterAll
    void down() throws Exception {
        pyrolab.close();
    }

    @Test
    @Order(1)
    void uninstallPutsItsServicesToWaitAndInstallBringsThemBack() {
        Result uninstall = ok(pyrolab, "uninstall", SAMPLE);
        assertThat(uninstall.out).contains("Uninstalled " + SAMPLE + " (driver.sample.jar removed from the deploy directory).");
        assertThat(deploy.resolve("driver.sample.jar")).doesNotExist();
        assertThat(state(pyrolab, "e1")).isEqualTo("WAITING");
        assertThat(state(pyrolab, "e2")).isEqualTo("WAITING");
        assertThat((String) Lab.row(pyrolab, "e1").get("reason")).contains("driver sample.echo was removed with " + SAMPLE);
        assertThat(state(pyrolab, "l1")).isEqualTo("RUNNING");
        assertThat(ok(pyrolab, "drivers").out).doesNotContain("sample.echo").contains("sim.laser");

        Result again = pyrolab.run("uninstall", SAMPLE);
        assertThat(again.exit).as("%s", again).isEqualTo(1);
        assertThat(again.err).contains("no installed bundle is named " + SAMPLE);
        Result core = pyrolab.run("uninstall", "org.apache.felix.scr");
        assertThat(core.exit).as("%s", core).isEqualTo(1);
        assertThat(core.err).contains("org.apache.felix.scr is part of the installation");

        Result install = ok(pyrolab, "install", SAMPLE_JAR.toString());
        assertThat(install.out).startsWith("Installed " + SAMPLE + " 0.1.0").contains("from driver.sample.jar.");
        awaitState(pyrolab, "e1", "RUNNING");
        awaitState(pyrolab, "e2", "RUNNING");
        assertThat(Lab.row(pyrolab, "e1")).containsEntry("bundle", SAMPLE).containsEntry("restarts", 0L);
        assertThat(ok(pyrolab, "call", "e1", "echo", "back").out.trim()).isEqualTo("\"back\"");
    }

    @Test
    @Order(2)
    void installRefusesWhatIsNoBundle() throws Exception {
        Result missing = pyrolab.run("install", "nothere.jar");
        assertThat(missing.exit).as("%s", missing).isEqualTo(1);
        assertThat(missing.err).contains(pyrolab.root.resolve("nothere.jar") + " does not exist");
        Path plain = noSymbolicName(pyrolab.root.resolve("plain.jar"));
        Result notABundle = pyrolab.run("install", plain.toString());
        assertThat(notABundle.exit).as("%s", notABundle).isEqualTo(1);
        assertThat(notABundle.err).contains(plain + " is not an OSGi bundle (its manifest has no Bundle-SymbolicName); nothing was installed");
        assertThat(deploy.resolve("plain.jar")).doesNotExist();
    }

    @Test
    @Order(3)
    void filesThatAreNoBundlesAreNamedAndDisturbNothing() throws Exception {
        Files.writeString(deploy.resolve("garbage.jar"), "this is text, not a zip\n");
        noSymbolicName(deploy.resolve("nobsn.jar"));
        unresolvable(deploy.resolve("unresolvable.jar"));
        Files.writeString(deploy.resolve("notes.txt"), "a file that is no jar at all\n");
        await("drivers names every file", () -> {
            String out = ok(pyrolab, "drivers").out;
            return out.contains("garbage.jar: ") && out.contains("nobsn.jar: ") && out.contains("unresolvable.jar: ");
        }, () -> ok(pyrolab, "drivers").out);
        String drivers = ok(pyrolab, "drivers").out;
        assertThat(drivers).contains("garbage.jar: not an OSGi bundle (not a jar file)")
                .contains("nobsn.jar: not an OSGi bundle (its manifest has no Bundle-SymbolicName)")
                .contains("unresolvable.jar: its imports cannot be resolved").contains("com.example.nowhere")
                .contains("notes.txt: ignored: only .jar files in the deploy directory are installed")
                .contains("sample.echo").contains("sim.laser").contains("scpi.b2900");
        List<Map<String, Object>> json = Json.objects(ok(pyrolab, "drivers", "--json").out);
        assertThat(json).anySatisfy(d -> assertThat(d).containsEntry("file", "garbage.jar")
                .containsEntry("problem", "not an OSGi bundle (not a jar file)"));
        assertThat(json).anySatisfy(d -> assertThat(d).containsEntry("file", "nobsn.jar"));
        String log = pyrolab.daemonLog();
        assertThat(log).contains("deploy/garbage.jar: not an OSGi bundle").contains("deploy/nobsn.jar: not an OSGi bundle")
                .contains("deploy/unresolvable.jar: its imports cannot be resolved");
        for (String name : List.of("e1", "e2", "l1")) {
            assertThat(state(pyrolab, name)).as(name).isEqualTo("RUNNING");
        }
        Files.delete(deploy.resolve("garbage.jar"));
        Files.delete(deploy.resolve("nobsn.jar"));
        Files.delete(deploy.resolve("unresolvable.jar"));
        Files.delete(deploy.resolve("notes.txt"));
        await("the problems go with the files", () -> !ok(pyrolab, "drivers").out.contains("garbage.jar"));
    }

    @Test
    @Order(4)
    void aJarCopiedSlowlyEndsActive() throws Exception {
        slowCopy();
        awaitState(pyrolab, "e1", "RUNNING");
        awaitState(pyrolab, "e2", "RUNNING");
        assertThat(ok(pyrolab, "drivers").out).contains("sample.echo").doesNotContain("driver.sample.jar: ");
        assertThat(pyrolab.daemonLog()).doesNotContain("Failed to install").doesNotContain("Error in end of central directory");
    }

    @Test
    @Order(5)
    void aJarCopiedSlowlyIsNotReportedHalfWritten() throws Exception {
        slowCopy();
        awaitState(pyrolab, "e1", "RUNNING");
        assertThat(pyrolab.daemonLog()).doesNotContain("deploy/driver.sample.jar: not an OSGi bundle");
    }

    /** Uninstalls the sample driver, then writes its jar back in two halves 4.5 s apart (longer than two scans of the watchers). */
    private void slowCopy() throws Exception {
        ok(pyrolab, "uninstall", SAMPLE);
        assertThat(state(pyrolab, "e1")).isEqualTo("WAITING");
        byte[] jar = Files.readAllBytes(SAMPLE_JAR);
        try (OutputStream out = Files.newOutputStream(deploy.resolve("driver.sample.jar"))) {
            out.write(jar, 0, jar.length / 2);
            out.flush();
            Lab.sleep(4500);
            assertThat(state(pyrolab, "e1")).as("not picked up half-written").isEqualTo("WAITING");
            out.write(jar, jar.length / 2, jar.length - jar.length / 2);
        }
    }

    /** A bundle that imports a package nobody exports. */
    private static Path unresolvable(Path file) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "test.unresolvable");
        manifest.getMainAttributes().putValue("Import-Package", "com.example.nowhere");
        Path temp = file.resolveSibling(".unresolvable.part"); // written whole, then moved in
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(temp), manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("imports what nobody exports\n".getBytes());
            jar.closeEntry();
        }
        return Files.move(temp, file);
    }

    /** A jar with a manifest but no Bundle-SymbolicName. */
    private static Path noSymbolicName(Path file) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "DeployIT");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("not a bundle\n".getBytes());
            jar.closeEntry();
        }
        return file;
    }
}
