package org.pyrolab.daemon.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.pyrolab.api.Driver;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.daemon.config.ParameterSpec;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The drivers that bundle jars offer, read from the jars themselves with no framework, for the
 * commands that run without a daemon ({@code drivers}, {@code config validate}). It does what
 * {@link DriverCatalog} does with SCR's descriptions: a driver is a DS component whose
 * {@code factory} is {@value Driver#FACTORY}, found through the {@code Service-Component}
 * header; its id, description and parameters annotation are its properties; the annotation is
 * loaded from the jar (over the class loader that holds the API) and read by
 * {@link DriverDeclaration}. The same problems are reported in the same words. Where two jars
 * offer one id, the first jar by name keeps it (the daemon: the first bundle to start).
 */
public final class DriverJars {
    private final ClassLoader api;
    private final Map<String, List<ParameterSpec>> parameters = new LinkedHashMap<>();
    private final Map<String, String[]> owners = new LinkedHashMap<>();
    private final List<DriverDTO> rows = new ArrayList<>();

    private DriverJars(ClassLoader api) {
        this.api = api;
    }

    /** Reads {@code jars} in this order; files that are no bundle are left to the deploy listing. */
    public static DriverJars read(List<Path> jars, ClassLoader api) {
        DriverJars found = new DriverJars(api);
        jars.forEach(found::add);
        return found;
    }

    /** What the configuration reader asks: the parameters of a driver id, if a jar offers it. */
    public Optional<List<ParameterSpec>> parametersOf(String id) {
        return Optional.ofNullable(parameters.get(id));
    }

    /** The drivers and the problems of driver components, as the daemon's {@code Services.drivers()} has them. */
    public List<DriverDTO> rows() {
        return rows;
    }

    private void add(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest() == null ? null : file.getManifest().getMainAttributes();
            String symbolicName = main == null ? null : main.getValue("Bundle-SymbolicName");
            String components = main == null ? null : main.getValue("Service-Component");
            if (symbolicName == null || components == null) {
                return;
            }
            JarBundle bundle = new JarBundle(symbolicName.split(";")[0].trim(), version(main.getValue("Bundle-Version")),
                    jar.toFile().toURI().toString(), classesOf(jar));
            for (String entry : components.split(",")) {
                ZipEntry xml = file.getEntry(entry.trim());
                if (xml != null) {
                    try (InputStream in = file.getInputStream(xml)) {
                        component(bundle, in);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // SCR logs such a bundle and registers nothing from it; so does this
        }
    }

    /**
     * The jar as the daemon names it: symbolic name, version as OSGi prints it, location as
     * FileInstall sets it; and its classes, one loader for all the drivers it offers.
     */
    private record JarBundle(String name, String version, String location, ClassLoader classes) {
    }

    private void component(JarBundle bundle, InputStream in) throws IOException {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            return; // SCR rejects an unreadable description: no factory, no driver
        }
        if (!Driver.FACTORY.equals(root.getAttribute("factory"))) {
            return;
        }
        Map<String, String> properties = properties(root);
        String id = properties.get(Driver.ID);
        if (id == null) {
            rows.add(DriverInfo.problem(bundle.name(), bundle.version(), bundle.location(), DriverInfo.noId(root.getAttribute("name"))));
            return;
        }
        String[] taken = owners.get(id);
        if (taken != null) {
            rows.add(DriverInfo.problem(bundle.name(), bundle.version(), bundle.location(), DriverInfo.taken(id, taken[0], taken[1])));
            return;
        }
        List<ParameterSpec> specs;
        try {
            specs = DriverDeclaration.parameters(bundle.classes()::loadClass, properties.get(Driver.PARAMETERS));
        } catch (ClassNotFoundException | LinkageError e) {
            rows.add(DriverInfo.problem(bundle.name(), bundle.version(), bundle.location(), DriverInfo.unloadable(id, e)));
            return;
        }
        String description = properties.get(Driver.DESCRIPTION);
        owners.put(id, new String[] {bundle.name(), bundle.version()});
        parameters.put(id, specs);
        rows.add(DriverInfo.dto(id, description == null ? "" : description, bundle.name(), bundle.version(), bundle.location(), specs));
    }

    /**
     * The jar's classes over the API's loader. Never closed: the parameter types (enums among
     * them) are used until the command ends, and the command's JVM is short-lived.
     */
    private URLClassLoader classesOf(Path jar) throws MalformedURLException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, api);
    }

    /** The single-valued {@code <property name= value=>} elements; the driver's are all single Strings. */
    private static Map<String, String> properties(Element component) {
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList list = component.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element property = (Element) list.item(i);
            if (property.hasAttribute("value")) {
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
        }
        return properties;
    }

    /** {@code Bundle-Version} as {@code org.osgi.framework.Version.toString()} prints it: three numbers and the qualifier, if any. */
    static String version(String header) {
        if (header == null || header.isBlank()) {
            return "0.0.0";
        }
        String[] parts = header.trim().split("\\.", 4);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            text.append(i == 0 ? "" : ".").append(i < parts.length ? Integer.parseInt(parts[i]) : 0);
        }
        return parts.length == 4 && !parts[3].isEmpty() ? text.append('.').append(parts[3]).toString() : text.toString();
    }
}
