package org.pyrolab.archtest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Issue 11, item 5: the rules docs/architecture.md states, checked on every build. A rule that
 * has a known violation names it below as an exception with the reason, so the rule still guards
 * everything else.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArchitectureTest {

    /** Build-time annotations (bnd's @Export, @Version, ...) are no run-time dependency. */
    private static final String[] BUILD_TIME = {"org.osgi.annotation.."};

    private static JavaClasses pyrolab;

    @BeforeAll
    static void importClasses() {
        pyrolab = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pyrolab");
    }

    /** The rules below would pass vacuously if a module went missing from this module's dependencies. */
    @Test
    void everyBundleIsThere() {
        for (String root : new String[] {"org.pyrolab.api", "org.pyrolab.control", "org.pyrolab.daemon", "org.pyrolab.command",
                "org.pyrolab.pyro5", "org.pyrolab.remote", "org.pyrolab.client", "org.pyrolab.driver.sample",
                "org.pyrolab.driver.sim", "org.pyrolab.driver.scpi", "org.pyrolab.sim.scpi", "org.pyrolab.web"}) {
            assertThat(pyrolab.stream().anyMatch(c -> c.getPackageName().startsWith(root))).as(root).isTrue();
        }
    }

    /** Every package is a slice: within a bundle no two packages need each other (Maven already forbids cycles between bundles). */
    @Test
    void noPackageCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "packages of org.pyrolab";
            }
        }).should().beFreeOfCycles()
                .check(pyrolab);
    }

    @Test
    void theApiDependsOnNothingOfOurs() {
        classes().that().resideInAPackage("org.pyrolab.api..").should().onlyDependOnClassesThat(
                not(resideInAPackage("org.pyrolab..")).or(resideInAPackage("org.pyrolab.api..")))
                .check(pyrolab);
    }

    @Test
    void driversDependOnlyOnTheApi() {
        classes().that().resideInAPackage("org.pyrolab.driver..").should().onlyDependOnClassesThat(
                not(resideInAPackage("org.pyrolab..")).or(resideInAnyPackage("org.pyrolab.api..", "org.pyrolab.driver..")
                        // scpi.b2900's simulate: true, an optional import of the simulator bundle
                        .or(resideInAPackage("org.pyrolab.sim.scpi.."))))
                .check(pyrolab);
        noClasses().that().resideInAPackage("org.pyrolab.driver..").and().resideOutsideOfPackage("org.pyrolab.driver.scpi..")
                .should().dependOnClassesThat().resideInAPackage("org.pyrolab.sim..").check(pyrolab);
        // a driver bundle uses its own packages only: no driver reaches into another's
        noClasses().that().resideInAPackage("org.pyrolab.driver.sample..").should().dependOnClassesThat()
                .resideInAnyPackage("org.pyrolab.driver.sim..", "org.pyrolab.driver.scpi..").check(pyrolab);
        noClasses().that().resideInAPackage("org.pyrolab.driver.sim..").should().dependOnClassesThat()
                .resideInAnyPackage("org.pyrolab.driver.sample..", "org.pyrolab.driver.scpi..").check(pyrolab);
        noClasses().that().resideInAPackage("org.pyrolab.driver.scpi..").should().dependOnClassesThat()
                .resideInAnyPackage("org.pyrolab.driver.sample..", "org.pyrolab.driver.sim..").check(pyrolab);
    }

    /** The simulator is plain Java: it runs from a class path (pyrolab simulate) and is no driver. */
    @Test
    void theSimulatorIsPlainJava() {
        noClasses().that().resideInAPackage("org.pyrolab.sim..").should().dependOnClassesThat(
                resideInAnyPackage("org.osgi..", "org.apache.felix..").and(not(resideInAnyPackage(BUILD_TIME)))
                        .or(resideInAPackage("org.pyrolab..").and(not(resideInAPackage("org.pyrolab.sim..")))))
                .check(pyrolab);
    }

    /** Hostile bytes arrive in one place that can be read, tested and fuzzed alone. */
    @Test
    void pyro5IsPlainJava() {
        noClasses().that().resideInAPackage("org.pyrolab.pyro5..").should().dependOnClassesThat(
                resideInAnyPackage("org.osgi..", "org.apache.felix..").and(not(resideInAnyPackage(BUILD_TIME)))
                        .or(resideInAPackage("org.pyrolab..").and(not(resideInAPackage("org.pyrolab.pyro5..")))))
                .check(pyrolab);
    }

    /**
     * The web page costs nothing when it is off: the daemon only installs and starts the jars of
     * the web folder, and knows no servlet, Jetty or whiteboard type that would tie it to them.
     */
    @Test
    void onlyTheWebBundleKnowsServlets() {
        noClasses().that().resideOutsideOfPackage("org.pyrolab.web..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "javax.servlet..", "org.eclipse.jetty..", "org.osgi.service.servlet..",
                        "org.apache.felix.http..")
                .check(pyrolab);
    }

    /** One spelling in type names: NameServer (the configuration key stays nameservers). */
    @Test
    void typeNamesSpellNameServer() {
        noClasses().should().haveSimpleNameContaining("Nameserver").check(pyrolab);
    }
}
