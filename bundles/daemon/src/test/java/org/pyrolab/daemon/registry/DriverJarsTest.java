package org.pyrolab.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.daemon.config.ParameterSpec;

/** Drivers read from jars with no framework, as {@link DriverCatalog} reads them from SCR. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DriverJarsTest {
    /** A driver's parameters annotation; the jars below name it, and the test's class loader (their parent) has it. */
    @interface TestParameters {
        String host() default "localhost";

        int port();
    }

    @TempDir
    Path dir;

    @Test
    void readsIdDescriptionAndParametersFromTheComponentDescription() throws IOException {
        Path jar = bundle("a.jar", "org.example.a", "1.2", component("one.driver", "Says one", TestParameters.class.getName()));
        DriverJars found = DriverJars.read(List.of(jar), getClass().getClassLoader());
        assertThat(found.rows()).hasSize(1);
        DriverDTO row = found.rows().get(0);
        assertThat(row.driver).isEqualTo("one.driver");
        assertThat(row.description).isEqualTo("Says one");
        assertThat(row.bundle).isEqualTo("org.example.a");
        assertThat(row.version).isEqualTo("1.2.0");
        assertThat(row.file).as("the location FileInstall gives the bundle").isEqualTo(jar.toFile().toURI().toString());
        assertThat(row.parameters).extracting(p -> p.name + "/" + p.type + "/" + p.required + "/" + p.defaultValue)
                .containsExactly("host/text/false/localhost", "port/integer/true/null");
        assertThat(found.parametersOf("one.driver").orElseThrow()).extracting(ParameterSpec::name).containsExactly("host", "port");
        assertThat(found.parametersOf("other")).isEmpty();
    }

    @Test
    void reportsTheProblemsTheDaemonReportsInItsWords() throws IOException {
        Path first = bundle("a.jar", "org.example.a", "1.0.0", component("dup", "first", null));
        Path second = bundle("b.jar", "org.example.b", "2.0.0.beta", component("dup", "second", null));
        Path noId = bundle("c.jar", "org.example.c", "1.0.0", component(null, "nameless", null));
        Path noClass = bundle("d.jar", "org.example.d", "1.0.0", component("lost", "lost", "org.example.Missing"));
        DriverJars found = DriverJars.read(List.of(first, second, noId, noClass), getClass().getClassLoader());
        assertThat(found.rows()).extracting(r -> r.driver + " | " + r.file + " | " + r.problem).containsExactly(
                "dup | " + first.toFile().toURI() + " | null",
                "null | b.jar | driver id `dup` is already provided by org.example.a 1.0.0; this one is ignored",
                "null | c.jar | component c declares no pyrolab.driver.id",
                "null | d.jar | driver `lost`: its parameters annotation cannot be loaded: java.lang.ClassNotFoundException: org.example.Missing");
        assertThat(found.rows().get(1).version).isEqualTo("2.0.0.beta");
    }

    @Test
    void ignoresWhatIsNoDriver() throws IOException {
        Path other = bundle("o.jar", "org.example.o", "1.0.0", component("x", "x", null).replace("org.pyrolab.driver", "something.else"));
        Path plain = dir.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), manifest("org.example.p", "1", null))) {
            out.putNextEntry(new JarEntry("x.txt"));
        }
        Path garbage = Files.writeString(dir.resolve("garbage.jar"), "not a zip");
        Path brokenXml = bundle("x.jar", "org.example.x", "1.0.0", "<component");
        assertThat(DriverJars.read(List.of(other, plain, garbage, brokenXml), getClass().getClassLoader()).rows()).isEmpty();
    }

    @Test
    void printsVersionsAsOsgiDoes() {
        assertThat(DriverJars.version("1")).isEqualTo("1.0.0");
        assertThat(DriverJars.version(" 0.1.0.202612072238 ")).isEqualTo("0.1.0.202612072238");
        assertThat(DriverJars.version("01.2")).isEqualTo("1.2.0");
        assertThat(DriverJars.version(null)).isEqualTo("0.0.0");
    }

    private static String component(String id, String description, String parameters) {
        String name = id == null ? "c" : id;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + name + "\" factory=\"org.pyrolab.driver\">\n"
                + (id == null ? "" : "  <property name=\"pyrolab.driver.id\" type=\"String\" value=\"" + id + "\"/>\n")
                + "  <property name=\"pyrolab.driver.description\" type=\"String\" value=\"" + description + "\"/>\n"
                + (parameters == null ? "" : "  <property name=\"pyrolab.driver.parameters\" type=\"String\" value=\"" + parameters + "\"/>\n")
                + "  <implementation class=\"x.Y\"/>\n</scr:component>\n";
    }

    private Path bundle(String file, String symbolicName, String version, String xml) throws IOException {
        Path jar = dir.resolve(file);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(symbolicName + ";singleton:=true", version, "OSGI-INF/c.xml"))) {
            out.putNextEntry(new JarEntry("OSGI-INF/c.xml"));
            OutputStream entry = out;
            entry.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static Manifest manifest(String symbolicName, String version, String components) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (components != null) {
            main.putValue("Service-Component", components);
        }
        return manifest;
    }
}
