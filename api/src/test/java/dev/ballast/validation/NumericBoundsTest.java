package dev.ballast.validation;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.validation.SeedSpecs.ENDPOINT;
import static dev.ballast.validation.SeedSpecs.ROLE;
import static dev.ballast.validation.SeedSpecs.errors;
import static dev.ballast.validation.SeedSpecs.llm;
import static dev.ballast.validation.SeedSpecs.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.DataCapture;
import dev.ballast.Endpoint;
import dev.ballast.InstanceType;
import dev.ballast.VariantEndpointSeed;
import dev.ballast.RollingUpdate;
import dev.ballast.TrafficShift;
import dev.ballast.Variant;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.RollingUpdateSpec;

/**
 * Arithmetic that cannot overflow: every numeric input of the DSL with {@code Integer.MIN_VALUE},
 * -1, 0, 1, 2, {@code 1 << 30} and {@code Integer.MAX_VALUE} (doubles with NaN, the infinities,
 * -1, 0 and {@code Double.MAX_VALUE}) ends in a spec or a {@link SpecValidationException}, never
 * another exception; and the size rules whose arithmetic overflowed an {@code int} (canary and
 * linear sizes, rolling batches and the timeout they imply, an update's instance peak, copies plus
 * a batch) decide as the same rule computed in {@code long} does.
 */
class NumericBoundsTest {

    private static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 2, 1 << 30, Integer.MAX_VALUE};
    private static final double[] DOUBLES = {Double.NaN, Double.NEGATIVE_INFINITY, -1, 0, 0.25, 1, 1e9, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Arguments input(String name, IntFunction<Object> build) {
        return Arguments.of(Named.of(name, build));
    }

    /** Every int input of the DSL, each in an otherwise valid spec. */
    static Stream<Arguments> intInputs() {
        return Stream.of(
                input("scale(n, ..)", n -> Endpoint.on("ml.g5.2xlarge").scale(n, 4).executionRole(ROLE).component(llm()).named(ENDPOINT)),
                input("scale(.., n)", n -> Endpoint.on("ml.g5.2xlarge").scale(1, n).executionRole(ROLE).component(llm()).named(ENDPOINT)),
                input("instances(n)", n -> Endpoint.on("ml.g5.2xlarge").instances(n).executionRole(ROLE).component(llm()).named(ENDPOINT)),
                input("Component.accelerators(n)", n -> deploy(llm().accelerators(n))),
                input("Component.memoryMb(n)", n -> deploy(llm().memoryMb(n))),
                input("Component.maxMemoryMb(n)", n -> deploy(llm().maxMemoryMb(n))),
                input("Component.copies(n)", n -> deploy(llm().copies(n))),
                input("Component.copies(n) on up to n instances", n -> Endpoint.on("ml.g5.2xlarge").scale(1, Math.max(1, n)).executionRole(ROLE)
                        .component(llm().copies(n)).rollingUpdate(policy()).named(ENDPOINT)),
                input("RollingUpdate.batch(n)", n -> deploy(llm(), batch(n).wait(MINUTE))),
                input("RollingUpdate.batchPercent(n)", n -> deploy(llm(), RollingUpdate.batchPercent(n).wait(MINUTE))),
                input("RollingUpdate.rollbackBatch(n)", n -> deploy(llm(), batch(1).wait(MINUTE).rollbackBatch(n))),
                input("RollingUpdate.rollbackBatchPercent(n)", n -> deploy(llm(), batch(1).wait(MINUTE).rollbackBatchPercent(n))),
                input("Alarm.evaluationPeriods(n)", n -> SeedSpecs.deployWithAlarm(errors().evaluationPeriods(n))),
                input("Alarm.datapointsToAlarm(n)", n -> SeedSpecs.deployWithAlarm(errors().evaluationPeriods(3).datapointsToAlarm(n))),
                input("AutoScaling.between(n, ..)", n -> deploy(llm().autoScaling(AutoScaling.between(n, 4).invocationsPerCopy(10)))),
                input("AutoScaling.between(.., n)", n -> deploy(llm().autoScaling(AutoScaling.between(0, n).invocationsPerCopy(10)))),
                input("Capacity.count(n)", Capacity::count),
                input("Capacity.percent(n)", Capacity::percent),
                input("Variant.instances(n)", n -> serving(variant("v1").instances(n))),
                input("Variant.serverless(n, ..)", n -> serving(Variant.named("v1").model(VariantEndpointSeed.model("m1", "t")).serverless(n, 10))),
                input("Variant.serverless(.., n)", n -> serving(Variant.named("v1").model(VariantEndpointSeed.model("m1", "t")).serverless(2048, n))),
                input("Variant.provisionedConcurrency(n)", n -> serving(Variant.named("v1").model(VariantEndpointSeed.model("m1", "t"))
                        .serverless(2048, 10).provisionedConcurrency(n))),
                input("Variant.volumeSizeGb(n)", n -> serving(variant("v1").volumeSizeGb(n))),
                input("BlueGreen.canaryInstances(n)", n -> serving(variant("v1").instances(4), BlueGreen.canaryInstances(n))),
                input("BlueGreen.canaryPercent(n)", n -> serving(variant("v1").instances(4), BlueGreen.canaryPercent(n))),
                input("BlueGreen.linearInstances(n)", n -> serving(variant("v1").instances(4), BlueGreen.linearInstances(n))),
                input("BlueGreen.linearPercent(n)", n -> serving(variant("v1").instances(4), BlueGreen.linearPercent(n))),
                input("canaryInstances(n) on n instances", n -> serving(variant("v1").instances(n), BlueGreen.canaryInstances(n))),
                input("linearInstances(n) on n instances", n -> serving(variant("v1").instances(n), BlueGreen.linearInstances(n))),
                input("DataCapture.sampling(n)", n -> Endpoint.serving(variant("v1"))
                        .dataCapture(DataCapture.to(VariantEndpointSeed.CAPTURE_URI).sampling(n)).named(VariantEndpointSeed.ENDPOINT)),
                input("instanceLimit(.., n)", n -> Endpoint.serving(variant("v1").instances(2)).instanceLimit(InstanceType.ML_M5_XLARGE, n)
                        .named(VariantEndpointSeed.ENDPOINT)),
                input("TrafficShift.steps(n)", n -> TrafficShift.of(VariantEndpointSeed.seed()).to(VariantEndpointSeed.V2).steps(n)),
                input("TrafficShift.steps(n, 100)", n -> TrafficShift.of(VariantEndpointSeed.seed()).to(VariantEndpointSeed.V2).steps(n, 100)));
    }

    /** Every double input of the DSL. */
    static Stream<Arguments> doubleInputs() {
        return Stream.of(
                Arguments.of(Named.of("Component.cpuCores(x)", (DoubleFunction<Object>) x -> deploy(llm().cpuCores(x)))),
                Arguments.of(Named.of("Alarm.above(x)", (DoubleFunction<Object>) x -> SeedSpecs.deployWithAlarm(Alarm.invocation4xxErrors().above(x)))),
                Arguments.of(Named.of("Alarm.atOrBelow(x)", (DoubleFunction<Object>) x -> SeedSpecs.deployWithAlarm(Alarm.invocation4xxErrors().atOrBelow(x)))),
                Arguments.of(Named.of("AutoScaling.invocationsPerCopy(x)", (DoubleFunction<Object>) x ->
                        deploy(llm().autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(x))))),
                Arguments.of(Named.of("Variant.weight(x)", (DoubleFunction<Object>) x -> serving(variant("v1").weight(x)))));
    }

    static Stream<Arguments> intCases() {
        List<Arguments> cases = new ArrayList<>();
        intInputs().forEach(a -> {
            Named<?> named = (Named<?>) a.get()[0];
            for (int n : INTS) {
                cases.add(Arguments.of(Named.of(named.getName().replace("(n", "(" + n).replace(" n ", " " + n + " "), named.getPayload()), n));
            }
        });
        return cases.stream();
    }

    static Stream<Arguments> doubleCases() {
        List<Arguments> cases = new ArrayList<>();
        doubleInputs().forEach(a -> {
            Named<?> named = (Named<?>) a.get()[0];
            for (double x : DOUBLES) {
                cases.add(Arguments.of(Named.of(named.getName().replace("(x", "(" + x), named.getPayload()), x));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intCases")
    @DisplayName("an int input at its extremes ends in a spec or a SpecValidationException")
    void intInputEndsInASpecOrARule(IntFunction<Object> build, int n) {
        assertSpecOrRule(catchThrowable(() -> build.apply(n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doubleCases")
    @DisplayName("a double input at its extremes ends in a spec or a SpecValidationException")
    void doubleInputEndsInASpecOrARule(DoubleFunction<Object> build, double x) {
        assertSpecOrRule(catchThrowable(() -> build.apply(x)));
    }

    private static void assertSpecOrRule(Throwable thrown) {
        if (thrown != null) {
            assertThat(thrown).as("a rule, not an arithmetic or other failure").isInstanceOf(SpecValidationException.class);
            HostileInputCorpusTest.assertBoundedAndPrintable((SpecValidationException) thrown);
        }
    }

    // ---------------------------------------------------------------- the overflowing rules, against the same rule in long

    static Stream<Arguments> sizesOnFleets() {
        List<Arguments> cases = new ArrayList<>();
        int[] fleets = {1, 2, 3, 4, 10, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        int[] sizes = {1, 2, 3, 5, (1 << 30) - 1, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE / 10, Integer.MAX_VALUE / 2 + 1, Integer.MAX_VALUE};
        for (int fleet : fleets) {
            for (int size : sizes) {
                cases.add(Arguments.of(fleet, size));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "canaryInstances({1}) on {0} instances")
    @MethodSource("sizesOnFleets")
    @DisplayName("a canary is valid exactly when 2 x size <= instances, computed in long")
    void canaryInstances(int instances, int size) {
        boolean valid = 2L * size <= instances;
        Throwable thrown = catchThrowable(() -> serving(variant("v1").instances(instances), variant("v2").instances(instances),
                BlueGreen.canaryInstances(size)));

        assertViolation(thrown, "update.blueGreen.canarySize", !valid);
    }

    @ParameterizedTest(name = "linearInstances({1}) on {0} instances")
    @MethodSource("sizesOnFleets")
    @DisplayName("a linear step is valid exactly when it is 10-50% of the instances, computed in long")
    void linearInstances(int instances, int size) {
        boolean valid = 10L * size >= instances && 2L * size <= instances;
        Throwable thrown = catchThrowable(() -> serving(variant("v1").instances(instances), BlueGreen.linearInstances(size)));

        assertViolation(thrown, "update.blueGreen.linearStepSize", !valid);
    }

    @ParameterizedTest(name = "batch({1}) on {0} instances")
    @MethodSource("sizesOnFleets")
    @DisplayName("a rolling batch is valid exactly when it is within max(1, 5%) to max(1, 50%) of the instances")
    void rollingBatch(int instances, int size) {
        long lower = Math.max(1, (long) Math.ceil(instances * 0.05));
        long upper = Math.max(1, instances / 2);
        boolean valid = size >= lower && size <= upper;
        Throwable thrown = catchThrowable(() -> serving(variant("v1").instances(instances), batch(size).wait(MINUTE)));

        assertViolation(thrown, "update.rolling.batch[v1]", !valid);
    }

    @Test
    @DisplayName("canaryInstances(1 << 30) on two instances (issue 12) is refused")
    void issueExample() {
        Throwable thrown = catchThrowable(() -> serving(variant("v1").instances(2), BlueGreen.canaryInstances(1 << 30)));

        assertViolation(thrown, "update.blueGreen.canarySize", true);
        assertThat(((SpecValidationException) thrown).violations()).anySatisfy(v -> {
            assertThat(v.value()).isEqualTo("1073741824 instances");
            assertThat(v.fix()).isEqualTo("use canaryInstances(1)");
        });
    }

    @Test
    @DisplayName("an instance limit below a peak of 2 x Integer.MAX_VALUE is refused (the sum overflowed to a negative peak)")
    void instanceLimitAtTheTop() {
        Throwable thrown = catchThrowable(() -> Endpoint.serving(variant("v1").instances(Integer.MAX_VALUE), variant("v2").instances(Integer.MAX_VALUE))
                .instanceLimit(InstanceType.ML_M5_XLARGE, Integer.MAX_VALUE).named(VariantEndpointSeed.ENDPOINT));

        assertViolation(thrown, "instanceLimit[ml.m5.xlarge]", true);
        assertThat(((SpecValidationException) thrown).violations()).anySatisfy(v ->
                assertThat(v.rule()).contains("below the 4294967294 ml.m5.xlarge instances the variants start with"));
    }

    @Test
    @DisplayName("the instance counts by type of a spec stay at Integer.MAX_VALUE instead of wrapping")
    void instancesByTypeSaturate() {
        VariantEndpointSpec spec = Endpoint.serving(variant("v1").instances(Integer.MAX_VALUE), variant("v2").instances(Integer.MAX_VALUE))
                .named(VariantEndpointSeed.ENDPOINT);

        assertThat(spec.instancesByType()).isEqualTo(Map.of(InstanceType.ML_M5_XLARGE, Integer.MAX_VALUE));
        assertThat(spec.updateSurgeByType()).isEqualTo(Map.of(InstanceType.ML_M5_XLARGE, Integer.MAX_VALUE));
    }

    @Test
    @DisplayName("the batches of Integer.MAX_VALUE copies are counted without overflow, and their waits checked against the timeout")
    void batchesOfTheMostCopies() {
        RollingUpdateSpec half = RollingUpdate.batchPercent(50).wait(Duration.ofHours(1)).spec();
        assertThat(half.batches(Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(batch(1).wait(MINUTE).spec().batches(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(batch(Integer.MAX_VALUE).wait(MINUTE).spec().batches(Integer.MAX_VALUE)).isEqualTo(1);

        // 3 batches x 3600 s = 10800 s do not fit a 600 s timeout (the negative batch count hid it).
        Throwable thrown = catchThrowable(() -> Endpoint.on("ml.g5.2xlarge").scale(1, Integer.MAX_VALUE).executionRole(ROLE)
                .component(llm().accelerators(1).copies(Integer.MAX_VALUE))
                .rollingUpdate(RollingUpdate.batchPercent(50).wait(Duration.ofHours(1)).timeout(Duration.ofSeconds(600)))
                .named(ENDPOINT));
        assertViolation(thrown, "component[llm].rollingUpdate.timeout", true);
    }

    @Test
    @DisplayName("Integer.MAX_VALUE copies and a batch on Integer.MAX_VALUE one-GPU instances do not fit")
    void copiesAndABatchAtTheTop() {
        Throwable thrown = catchThrowable(() -> Endpoint.on("ml.g5.2xlarge").scale(1, Integer.MAX_VALUE).executionRole(ROLE)
                .component(llm().copies(Integer.MAX_VALUE)).rollingUpdate(RollingUpdate.batchPercent(5).wait(MINUTE))
                .named(ENDPOINT));

        assertViolation(thrown, "scale.max", true);
    }

    @Test
    @DisplayName("the fix for a serverless memory of Integer.MAX_VALUE MiB is the largest size, not the smallest")
    void serverlessMemoryFix() {
        Throwable thrown = catchThrowable(() -> serving(Variant.named("v1").model(VariantEndpointSeed.model("m1", "t")).serverless(Integer.MAX_VALUE, 10)));

        assertThat(((SpecValidationException) thrown).violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("variant[v1].serverless.memoryMb");
            assertThat(v.fix()).isEqualTo("use serverless(6144, 10)");
        });
    }

    // ---------------------------------------------------------------- helpers

    private static void assertViolation(Throwable thrown, String path, boolean expected) {
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(SpecValidationException.class);
        }
        List<Violation> violations = thrown == null ? List.of() : ((SpecValidationException) thrown).violations();
        assertThat(violations.stream().anyMatch(v -> v.path().equals(path)))
                .as("a violation at %s in %s", path, violations).isEqualTo(expected);
    }

    private static Object deploy(Component component) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(ROLE).component(component).rollingUpdate(policy()).named(ENDPOINT);
    }

    private static Object deploy(Component component, RollingUpdate update) {
        return SeedSpecs.deploy(component, update);
    }

    private static Variant variant(String name) {
        return Variant.named(name).model(VariantEndpointSeed.model("model-of-" + name, "t")).on("ml.m5.xlarge");
    }

    private static VariantEndpointSpec serving(Variant first, Variant... more) {
        return Endpoint.serving(first, more).named(VariantEndpointSeed.ENDPOINT);
    }

    private static VariantEndpointSpec serving(Variant v, BlueGreen update) {
        return Endpoint.serving(v).update(update.bake(MINUTE)).named(VariantEndpointSeed.ENDPOINT);
    }

    private static VariantEndpointSpec serving(Variant a, Variant b, BlueGreen update) {
        return Endpoint.serving(a, b).update(update.bake(MINUTE)).named(VariantEndpointSeed.ENDPOINT);
    }

    private static VariantEndpointSpec serving(Variant v, RollingUpdate update) {
        return Endpoint.serving(v).update(update).named(VariantEndpointSeed.ENDPOINT);
    }
}
