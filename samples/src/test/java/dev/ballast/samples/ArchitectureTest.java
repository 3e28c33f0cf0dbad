package dev.ballast.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module boundaries users rely on: the api module stays free of AWS service models and
 * Resilience4j, and no module reaches into another module's {@code internal} packages.
 */
class ArchitectureTest {

    private static final String[] API_PACKAGES = {
        "dev.ballast", "dev.ballast.spec..", "dev.ballast.dsl..", "dev.ballast.plan..", "dev.ballast.spi..",
        "dev.ballast.error..", "dev.ballast.annotation..", "dev.ballast.internal.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Jackson, relocated into the testkit jar: not Ballast's code, so not under these rules
            .withImportOption(location -> !location.contains("/dev/ballast/testkit/internal/shaded/"))
            .importPackages("dev.ballast");

    @Test
    @DisplayName("api depends on no AWS service module and no Resilience4j")
    void apiIsFreeOfServiceModels() {
        noClasses().that().resideInAnyPackage(API_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..", "io.github.resilience4j..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("api depends on no other Ballast module")
    void apiDependsOnNoOtherModule() {
        noClasses().that().resideInAnyPackage(API_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.engine..", "dev.ballast.aws..", "dev.ballast.transport..",
                        "dev.ballast.testkit..", "dev.ballast.samples..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("api's internal package is used from api only")
    void apiInternalsStayInApi() {
        noClasses().that().resideInAnyPackage("dev.ballast.engine..", "dev.ballast.aws..", "dev.ballast.transport..",
                        "dev.ballast.testkit..", "dev.ballast.samples..")
                .should().dependOnClassesThat().resideInAPackage("dev.ballast.internal..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("impl's internal packages are used from impl only")
    void implInternalsStayInImpl() {
        noClasses().that().resideOutsideOfPackages("dev.ballast.engine..", "dev.ballast.aws..", "dev.ballast.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.engine.internal..", "dev.ballast.aws.internal..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("testkit's internal packages are used from the testkit only")
    void testkitInternalsStayInTestkit() {
        noClasses().that().resideOutsideOfPackage("dev.ballast.testkit..")
                .should().dependOnClassesThat().resideInAPackage("dev.ballast.testkit.internal..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    @DisplayName("library code never reads the wall clock or sleeps: time goes through TimeSource and Scheduler")
    void noWallClock() {
        noClasses().that().resideOutsideOfPackages("dev.ballast.samples..")
                .and().doNotHaveSimpleName("TimeSource")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(CLASSES);
    }

    @Test
    @DisplayName("no java.util.logging: SLF4J only")
    void slf4jOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..").check(CLASSES);
    }
}
