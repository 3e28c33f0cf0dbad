package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

class PlacementTest {

    private final FakeSageMaker fake = FakeSageMaker.create();

    @Test
    @DisplayName("copiesThatFit: need no new instances")
    void copiesThatFitNeedNoNewInstances() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 4);
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(1);
        assertThat(fake.clock().now()).isEqualTo(Instant0.plus(fake.timings().instanceLaunch())
                .plus(fake.timings().copyStartup()));
    }

    @Test
    @DisplayName("managedInstanceScaling: adds instances when copies do not fit")
    void managedInstanceScalingAddsInstancesWhenCopiesDoNotFit() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 3);

        DescribeEndpointResponse scaling = Fixtures.endpoint(fake, "ep");
        assertThat(scaling.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(scaling.productionVariants().get(0).currentInstanceCount()).isEqualTo(1);
        assertThat(scaling.productionVariants().get(0).desiredInstanceCount()).isEqualTo(3);

        fake.clock().advance(fake.timings().instanceLaunch());
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(3);
    }

    @Test
    @DisplayName("atTheMaximum: copies stall, then creation fails after the placement timeout")
    void atTheMaximumCopiesStallThenCreationFailsAfterThePlacementTimeout() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 3);

        fake.clock().advance(Duration.ofMinutes(20));
        DescribeInferenceComponentResponse stalled = Fixtures.component(fake, "ic");
        assertThat(stalled.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.CREATING);
        assertThat(stalled.runtimeConfig().currentCopyCount()).isEqualTo(2);
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(2);

        fake.clock().advance(fake.timings().placementTimeout());
        DescribeInferenceComponentResponse failed = Fixtures.component(fake, "ic");
        assertThat(failed.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.FAILED);
        assertThat(failed.failureReason()).startsWith("Unable to place 1 of 3 copies of inference component ic");
        assertThat(failed.runtimeConfig().currentCopyCount()).isZero();
    }

    @Test
    @DisplayName("scriptedCapacityExhaustion: stalls placement, until capacity returns")
    void scriptedCapacityExhaustionStallsPlacementUntilCapacityReturns() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 4);
        fake.givenCapacityExhaustedAfter(0);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 2);
        fake.clock().advance(Duration.ofMinutes(15));
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(1);
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).desiredInstanceCount()).isEqualTo(1);

        fake.givenCapacityRestored();
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(2);
    }

    @Test
    @DisplayName("per type capacity limit, caps scaling")
    void perTypeCapacityLimitCapsScaling() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 4);
        fake.givenInstanceCapacity("ml.g5.2xlarge", 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 4);
        fake.clock().advance(Duration.ofMinutes(20));
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(2);
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("memoryAndCpu: limit copies per instance")
    void memoryAndCpuLimitCopiesPerInstance() {
        // ml.g5.12xlarge: 48 vCPU, 192 GiB, 4 GPUs; 100 GiB per copy -> one copy per instance
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "big", "ep", Fixtures.spec(1, 100 * 1024, Map.of()), 2);
        Fixtures.awaitComponent(fake, "big", InferenceComponentStatus.IN_SERVICE);
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(2);

        // CPU-only copies: 8 vCPU each on an ml.m5.4xlarge (16 vCPU) -> two per instance
        Fixtures.icEndpoint(fake, "cpu", "ml.m5.4xlarge", 1, 1, 4);
        fake.sageMakerClient().createInferenceComponent(b -> b.inferenceComponentName("cpu-ic").endpointName("cpu")
                .specification(s -> s.container(c -> c.image(Fixtures.IMAGE))
                        .computeResourceRequirements(r -> r.numberOfCpuCoresRequired(8f).minMemoryRequiredInMb(1024)))
                .runtimeConfig(r -> r.copyCount(4)));
        Fixtures.awaitComponent(fake, "cpu-ic", InferenceComponentStatus.IN_SERVICE);
        assertThat(Fixtures.instances(fake, "cpu")).isEqualTo(2);
    }

    @Test
    @DisplayName("cpuOnlyCopies: fill every vcpu of a cataloged type")
    void cpuOnlyCopiesFillEveryVcpuOfACatalogedType() {
        // ml.c5.18xlarge: 72 vCPUs, 144 GiB (the api's table); ten one-vCPU copies fit on one instance
        Fixtures.icEndpoint(fake, "ep", "ml.c5.18xlarge", 1, 1, 0);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.spec(0, 1024, Map.of()), 10);

        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(10);
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(1);
    }

    @Test
    @DisplayName("types of the enum are not unknown, even of the newest families")
    @SuppressWarnings("deprecation") // unknownInstanceShape is deprecated, and still has to work
    void typesOfTheEnumAreNotUnknownEvenOfTheNewestFamilies() {
        // ml.g7e.2xlarge (1 GPU) is in the table, so the configured unknown shape (2 GPUs) does not apply
        FakeSageMaker custom = FakeSageMaker.builder().unknownInstanceShape(32, 256 * 1024, 2).build();
        Fixtures.icEndpoint(custom, "ep", "ml.g7e.2xlarge", 1, 1, 2);
        Fixtures.createComponent(custom, "ic", "ep", Fixtures.llm("m"), 2);
        Fixtures.awaitComponent(custom, "ic", InferenceComponentStatus.IN_SERVICE);
        assertThat(Fixtures.instances(custom, "ep")).isEqualTo(2);
    }

    @Test
    @DisplayName("idleInstances: are released down to the minimum only")
    void idleInstancesAreReleasedDownToTheMinimumOnly() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 2, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 4);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        fake.sageMakerClient().deleteInferenceComponent(b -> b.inferenceComponentName("ic"));
        fake.clock().advance(Duration.ofHours(1));
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(2);
        assertThat(fake.timeline().valuesOf("ep", Kind.INSTANCE_COUNT)).endsWith("4", "3", "2");
    }

    private static final java.time.Instant Instant0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
}
