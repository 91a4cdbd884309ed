package org.pyrolab.daemon.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.pyrolab.daemon.deploy.Verdicts.BundleFacts;

/** Reads what the verdicts need from the framework (a file's own facts: {@link JarFacts}), and changes nothing. */
final class DeployFacts {
    private final BundleContext context;

    DeployFacts(BundleContext context) {
        this.context = context;
    }

    /**
     * The framework's view of a bundle: state, fragment, and, while it is {@code INSTALLED}, the
     * mandatory requirements that no installed bundle's capability matches
     * ({@link FrameworkWiring#findProviders} is a query: it neither resolves nor starts).
     */
    BundleFacts of(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        List<String> missing = new ArrayList<>();
        int state = bundle.getState();
        if (state == Bundle.INSTALLED && revision != null) {
            FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
            for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
                Map<String, String> directives = requirement.getDirectives();
                String resolution = directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
                boolean optional = Namespace.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution);
                String effective = directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE);
                if (!optional && Namespace.EFFECTIVE_RESOLVE.equals(effective) && wiring.findProviders(requirement).isEmpty()) {
                    missing.add(requirement.getNamespace() + " " + directives.getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
                }
            }
        }
        return new BundleFacts(state, fragment, missing);
    }

    /** The bundle installed from this file, if any. */
    Optional<Bundle> bundleAt(Path file) {
        for (Bundle b : context.getBundles()) {
            if (file.equals(pathOf(b.getLocation()))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** A bundle location as a normalized path, or null when it is no file. */
    static Path pathOf(String location) {
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        } catch (RuntimeException notAFile) {
            return null;
        }
    }
}
