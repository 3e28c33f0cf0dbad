package dev.ballast.samples;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The boundaries users and the next engineer rely on, for every package of every module: no
 * package cycles, each module uses of another only what that module's {@code module-info} exports
 * to it (the samples, on the class path, only what is exported to everyone), the modules depend
 * on each other in one direction (api ← impl ← testkit ← samples), the engine's internal layers
 * keep their order, the api module stays free of AWS service models and Resilience4j.
 *
 * <p>Rules are written in package patterns ({@code ..internal..}), so they keep holding when a
 * package is split into sub-packages. Main code only: tests may reach internals (white-box).
 */
class ArchitectureTest {

    /** The packages of each module, by prefix; api is what is left under {@code dev.ballast}. */
    private static final String[] IMPL = {"dev.ballast.engine..", "dev.ballast.aws..", "dev.ballast.transport.."};
    private static final String[] TESTKIT = {"dev.ballast.testkit.."};
    private static final String[] SAMPLES = {"dev.ballast.samples.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Jackson, relocated into the testkit jar: not Ballast's code, so not under these rules
            .withImportOption(location -> !location.contains("/dev/ballast/testkit/internal/shaded/"))
            .importPackages("dev.ballast");

    private static JavaClasses api() {
        return CLASSES.that(not(resideInAnyPackage(IMPL)).and(not(resideInAnyPackage(TESTKIT))).and(not(resideInAnyPackage(SAMPLES))));
    }

    @Test
    @DisplayName("api depends on no AWS service module and no Resilience4j")
    void apiIsFreeOfServiceModels() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..", "io.github.resilience4j..")
                .check(api());
    }

    @Test
    @DisplayName("the modules depend in one direction: api on no other module, impl not on the testkit, nothing on the samples")
    void modulesDependInOneDirection() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(concat(IMPL, TESTKIT, SAMPLES)).check(api());
        noClasses().that().resideInAnyPackage(IMPL).should().dependOnClassesThat().resideInAnyPackage(concat(TESTKIT, SAMPLES))
                .check(CLASSES);
        noClasses().that().resideInAnyPackage(TESTKIT).should().dependOnClassesThat().resideInAnyPackage(SAMPLES).check(CLASSES);
    }

    /**
     * Each package its own slice, with two knots of the api module taken as one slice each, and the
     * value types the knots and the fake's internals share left out:
     * <ul>
     * <li>{@code dev.ballast} and {@code dev.ballast.dsl} are one DSL: the entry points return the
     *     step interfaces, and the steps take the entry points' builders ({@code Component},
     *     {@code RollingUpdate});</li>
     * <li>{@code dev.ballast.spec} and {@code dev.ballast.internal.validation} are one: a spec
     *     validates itself on construction, and the validation reads the specs;</li>
     * <li>the specs and their validation use the DSL package's value types ({@code Secret},
     *     {@code InstanceType}, {@code InstanceShape}), which sit there for users' imports;</li>
     * <li>the fake's internals ({@code dev.ballast.testkit.internal..}) speak the testkit's public
     *     value types (timings, timeline events, container behaviour) that {@code FakeSageMaker} hands
     *     in and out.</li>
     * </ul>
     * Every other dependency counts: impl's packages, the testkit's rooms, its HTTP front, its JUnit
     * support and its assertions are free of cycles, among themselves and with the rest.
     */
    @Test
    @DisplayName("no package cycles in any module")
    void noPackageCycles() {
        SliceAssignment packages = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return switch (pkg) {
                    case "dev.ballast.dsl" -> SliceIdentifier.of("dev.ballast");
                    case "dev.ballast.internal.validation" -> SliceIdentifier.of("dev.ballast.spec");
                    default -> SliceIdentifier.of(pkg);
                };
            }

            @Override
            public String getDescription() {
                return "the packages of dev.ballast (the DSL's two packages as one, the specs with their validation as one)";
            }
        };
        slices().assignedFrom(packages).should().beFreeOfCycles()
                .ignoreDependency(resideInAnyPackage("dev.ballast.spec", "dev.ballast.internal.validation"),
                        JavaClass.Predicates.belongToAnyOf(dev.ballast.Secret.class, dev.ballast.InstanceType.class,
                                dev.ballast.InstanceShape.class))
                .ignoreDependency(resideInAPackage("dev.ballast.testkit.internal.."), resideInAPackage("dev.ballast.testkit")
                        .and(not(JavaClass.Predicates.belongToAnyOf(dev.ballast.testkit.FakeSageMaker.class))))
                .check(CLASSES);
    }

    /**
     * The engine, top to bottom: its API ({@code BallastEngine}, {@code Planner}), running a plan,
     * watching, observing and reconciling, then compiling requests and calling (side by side, neither
     * using the other). A layer uses only layers below it.
     */
    @Test
    @DisplayName("the engine's internal layers keep their order: run, watch, reconcile, then compile and call; streamed answers beside them")
    void engineLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("engine API").definedBy("dev.ballast.engine")
                .layer("engine support").definedBy("dev.ballast.engine.internal")
                .layer("run").definedBy("dev.ballast.engine.internal.run..")
                .layer("watch").definedBy("dev.ballast.engine.internal.watch..")
                .layer("reconcile").definedBy("dev.ballast.engine.internal.reconcile..")
                .layer("compile").definedBy("dev.ballast.engine.internal.compile..")
                .layer("call").definedBy("dev.ballast.engine.internal.call..")
                .layer("stream").definedBy("dev.ballast.engine.internal.stream..")
                .whereLayer("engine support").mayOnlyBeAccessedByLayers("engine API")
                .whereLayer("run").mayOnlyBeAccessedByLayers("engine API")
                .whereLayer("watch").mayOnlyBeAccessedByLayers("engine API", "run")
                .whereLayer("reconcile").mayOnlyBeAccessedByLayers("engine API", "run", "watch")
                .whereLayer("compile").mayOnlyBeAccessedByLayers("engine API", "run", "watch", "reconcile")
                .whereLayer("call").mayOnlyBeAccessedByLayers("engine API", "run", "watch", "reconcile")
                .whereLayer("stream").mayOnlyBeAccessedByLayers("engine API")
                .check(CLASSES);
    }

    @Test
    @DisplayName("the transports sit below the engine, and what they share with it depends on neither")
    void transportsBelowTheEngine() {
        noClasses().that().resideInAnyPackage("dev.ballast.transport..", "dev.ballast.aws..")
                .should().dependOnClassesThat().resideInAPackage("dev.ballast.engine..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.ballast.transport.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.transport", "dev.ballast.aws..", "dev.ballast.engine..")
                .check(CLASSES);
    }

    /**
     * The modules' descriptors, read from the compiled {@code module-info} beside the classes,
     * against what the code uses: javac enforces them for the main code of the three modules; this
     * keeps them exact (no internal package exported to everyone, no qualified export left unused)
     * and holds the samples, compiled on the class path, to the unqualified exports.
     */
    @Test
    @DisplayName("each module uses of another only what its module-info exports to it; internals only by a qualified export that is used")
    void exportsMatchUse() {
        Map<String, Optional<ModuleDescriptor>> moduleOfPackage = new HashMap<>();
        for (JavaClass c : CLASSES) {
            moduleOfPackage.computeIfAbsent(c.getPackageName(), p -> descriptorBeside(c));
        }
        Set<ModuleDescriptor> modules = new HashSet<>();
        moduleOfPackage.values().forEach(m -> m.ifPresent(modules::add));
        assertThat(modules).extracting(ModuleDescriptor::name)
                .containsExactlyInAnyOrder("dev.ballast.api", "dev.ballast.impl", "dev.ballast.testkit");

        Set<String> violations = new TreeSet<>();
        Set<String> usedQualified = new TreeSet<>();
        for (ModuleDescriptor m : modules) {
            m.exports().stream().filter(e -> e.source().contains(".internal") && !e.isQualified())
                    .forEach(e -> violations.add(m.name() + " exports its internal package " + e.source() + " to everyone"));
        }
        for (JavaClass origin : CLASSES) {
            Optional<ModuleDescriptor> from = moduleOfPackage.get(origin.getPackageName());
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                Optional<ModuleDescriptor> to = moduleOfPackage.getOrDefault(target.getPackageName(), Optional.empty());
                if (to.isEmpty() || to.equals(from)) {
                    continue;
                }
                Optional<ModuleDescriptor.Exports> export = to.get().exports().stream()
                        .filter(e -> e.source().equals(target.getPackageName())).findFirst();
                boolean visible = export.isPresent() && (!export.get().isQualified()
                        || from.isPresent() && export.get().targets().contains(from.get().name()));
                if (!visible) {
                    violations.add(origin.getName() + " (" + from.map(ModuleDescriptor::name).orElse("class path") + ") uses "
                            + target.getName() + ", which " + to.get().name() + " does not export to it");
                } else if (export.get().isQualified()) {
                    usedQualified.add(to.get().name() + "/" + export.get().source() + " to " + from.get().name());
                }
            }
        }
        for (ModuleDescriptor m : modules) {
            for (ModuleDescriptor.Exports e : m.exports()) {
                for (String t : e.isQualified() ? e.targets() : Set.<String>of()) {
                    if (!usedQualified.contains(m.name() + "/" + e.source() + " to " + t)) {
                        violations.add(m.name() + " exports " + e.source() + " to " + t + ", which does not use it");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The descriptor of the module the class was compiled in: the {@code module-info.class} at the root it was loaded from. */
    private static Optional<ModuleDescriptor> descriptorBeside(JavaClass c) {
        String uri = c.getSource().orElseThrow().getUri().toString();
        String root = uri.substring(0, uri.length() - (c.getName().replace('.', '/') + ".class").length());
        try (InputStream in = URI.create(root + "module-info.class").toURL().openStream()) {
            return Optional.of(ModuleDescriptor.read(in));
        } catch (FileNotFoundException e) {
            return Optional.empty(); // the samples: on the class path, no module of their own
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("library code never reads the wall clock or sleeps: time goes through TimeSource and Scheduler")
    void noWallClock() {
        noClasses().that().resideOutsideOfPackages(SAMPLES)
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

    @Test
    @DisplayName("no package holds more than 30 hand-written top-level classes: a package that grows past that is split by concern")
    void packagesStaySmall() {
        // generated code (Immutables' implementations, JMH's harness) is not what a reader navigates
        java.util.Map<String, Long> sizes = CLASSES.stream().filter(c -> c.isTopLevelClass())
                .filter(c -> !generatedByImmutables(c) && !c.getPackageName().contains("jmh_generated"))
                .collect(java.util.stream.Collectors.groupingBy(JavaClass::getPackageName, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        assertThat(sizes).as("top-level classes per package").isNotEmpty()
                .allSatisfy((pkg, count) -> assertThat(count).as(pkg).isLessThanOrEqualTo(30L));
    }

    @Test
    @DisplayName("no internal class is named like a public API type, so a name always means one thing")
    void internalNamesDoNotRepeatApiNames() {
        java.util.Set<String> apiNames = CLASSES.stream()
                .filter(c -> c.isTopLevelClass() && c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                        && !c.getPackageName().contains(".internal"))
                .map(JavaClass::getSimpleName).collect(java.util.stream.Collectors.toSet());
        java.util.List<String> clashes = CLASSES.stream()
                .filter(c -> c.isTopLevelClass() && c.getPackageName().contains(".internal") && apiNames.contains(c.getSimpleName()))
                .map(JavaClass::getName).sorted().toList();
        assertThat(apiNames).as("public API types found").contains("Ballast", "EndpointSpec", "FakeSageMaker");
        assertThat(clashes).as("internal classes named like an API type").isEmpty();
    }

    /** Immutables writes {@code ImmutableX} beside each value type {@code X} and extends it. */
    private static boolean generatedByImmutables(JavaClass c) {
        return c.getSimpleName().startsWith("Immutable") && c.getRawSuperclass()
                .map(sup -> sup.getName().equals(c.getPackageName() + "." + c.getSimpleName().substring("Immutable".length())))
                .orElse(false);
    }

    private static String[] concat(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
