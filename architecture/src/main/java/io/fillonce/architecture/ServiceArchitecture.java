package io.fillonce.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The platform's architecture, written once. A service's {@code ArchitectureTests} calls {@link #check(String)}
 * with its own package; the rules read the service's classes and the shared modules on its classpath (never its
 * tests), and a violation fails the build naming each offending dependency.
 */
public final class ServiceArchitecture {

    /** Every service's root package; a shared module's package is none of these. */
    static final List<String> SERVICE_PACKAGES = List.of(
            "io.fillonce.registry", "io.fillonce.intake", "io.fillonce.sync", "io.fillonce.gateway");

    private static final Pattern PLATFORM_JAR = Pattern.compile(".*/fillonce-[a-z-]+-[^/]+\\.jar.*");
    private static final String REPOSITORY = "org.springframework.data.repository.Repository";
    private static final String MONGO_OPERATIONS = "org.springframework.data.mongodb.core.MongoOperations";
    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";

    private ServiceArchitecture() {
    }

    /** Checks every rule against the classes of {@code servicePackage} and of the shared modules it uses. */
    public static void check(String servicePackage) {
        if (!SERVICE_PACKAGES.contains(servicePackage)) {
            throw new IllegalArgumentException(servicePackage + " is not one of the services " + SERVICE_PACKAGES);
        }
        rules(servicePackage).check(platformClasses());
    }

    static JavaClasses platformClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ServiceArchitecture::isPlatformCode)
                .importPackages("io.fillonce");
    }

    /** The service's own classes and the platform's shared modules; third-party jars are not even opened. */
    private static boolean isPlatformCode(Location location) {
        return location.contains("/target/classes/") || location.matches(PLATFORM_JAR)
                && !location.contains("-tests.jar");
    }

    static ArchRule rules(String servicePackage) {
        return CompositeArchRule.of(staysInItsOwnPackages(servicePackage))
                .and(sharedModulesKnowNoService())
                .and(featuresFormNoCycle(servicePackage))
                .and(controllersReachStoredDataThroughTheirFeature(servicePackage))
                .and(repositoriesStayInTheirFeature(servicePackage));
    }

    /** A service never imports another service's classes, whatever ends up on its classpath. */
    static ArchRule staysInItsOwnPackages(String servicePackage) {
        String[] others = SERVICE_PACKAGES.stream()
                .filter(other -> !other.equals(servicePackage))
                .map(other -> other + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as("a service never imports another service's packages")
                .allowEmptyShould(false);
    }

    /** The shared modules serve every service, so none of them may know one. */
    static ArchRule sharedModulesKnowNoService() {
        String[] services = SERVICE_PACKAGES.stream().map(service -> service + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.fillonce..").and().resideOutsideOfPackages(services)
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .as("a shared module depends on no service")
                .allowEmptyShould(true);
    }

    /** A service's feature packages (its first-level packages) depend on each other without a cycle. */
    static ArchRule featuresFormNoCycle(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..")
                .should().beFreeOfCycles()
                .as("the feature packages of " + servicePackage + " form no cycle");
    }

    /** A controller asks its feature for data; it never holds a repository or the Mongo template itself. */
    static ArchRule controllersReachStoredDataThroughTheirFeature(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .and().areAnnotatedWith(REST_CONTROLLER).or().areAnnotatedWith(CONTROLLER)
                .should().dependOnClassesThat().areAssignableTo(REPOSITORY)
                .orShould().dependOnClassesThat().areAssignableTo(MONGO_OPERATIONS)
                .as("controllers reach stored data only through their feature")
                .allowEmptyShould(true);
    }

    /** A repository is its feature's own: only classes of its package use it. */
    static ArchRule repositoriesStayInTheirFeature(String servicePackage) {
        return classes().that().resideInAPackage(servicePackage + "..").and().areAssignableTo(REPOSITORY)
                .and().areInterfaces()
                .should(beUsedOnlyInTheirOwnPackage())
                .as("a repository is used only inside its own feature package")
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
        return new ArchCondition<>("be used only inside their own package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
                    JavaClass user = dependency.getOriginClass();
                    if (!user.getPackageName().equals(repository.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
