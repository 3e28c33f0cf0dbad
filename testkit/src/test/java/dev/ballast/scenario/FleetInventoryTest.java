package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Deployment;
import dev.ballast.Endpoint;
import dev.ballast.FleetDeployment;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;

/**
 * What a crowded engine's plans read: one shared listing of the account instead of a Describe per
 * resource, shared DescribeScalableTargets, and Describes only of what may have changed.
 */
class FleetInventoryTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    /** Every request that reached the fake, in order; {@code afterPass} runs once after the next inventory pass's last page. */
    static final class Requests implements Transport {
        private final FakeSageMaker fake;
        final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
        volatile Runnable afterPass;

        Requests(FakeSageMaker fake) {
            this.fake = fake;
        }

        @Override
        public SdkResponse execute(SdkRequest request) {
            sent.add(request);
            SdkResponse response = fake.execute(request);
            Runnable then = afterPass;
            // The pass lists configurations last: once their last page is read, the pass is over.
            if (then != null && request instanceof ListEndpointConfigsRequest l && l.nameContains() == null
                    && ((ListEndpointConfigsResponse) response).nextToken() == null) {
                afterPass = null;
                then.run();
            }
            return response;
        }

        long count(Class<? extends SdkRequest> type) {
            return sent.stream().filter(type::isInstance).count();
        }

        /** @return the account listings' pages: List calls without any filter (the watching's sweeps list what changed since a time) */
        long listPages() {
            return sent.stream().filter(r -> r instanceof ListInferenceComponentsRequest l && l.endpointNameEquals() == null
                    && l.statusEquals() == null && l.nameContains() == null && l.lastModifiedTimeAfter() == null
                    || r instanceof ListEndpointsRequest e && e.statusEquals() == null && e.nameContains() == null
                    && e.lastModifiedTimeAfter() == null
                    || r instanceof ListEndpointConfigsRequest c && c.nameContains() == null).count();
        }
    }

    static ComponentEndpointSpec endpoint(int i, String model, String... extra) {
        String name = "fleet-" + i;
        dev.ballast.dsl.ComponentEndpointStep b = Endpoint.on("ml.g5.48xlarge").scale(1, 2).executionRole(ROLE);
        for (String c : List.of("a", "b", "c")) {
            b = b.component(component(name + "-" + c, model));
        }
        for (String c : extra) {
            b = b.component(component(name + "-" + c, model));
        }
        return b.named(name);
    }

    private static Component component(String name, String model) {
        return Component.named(name).image(IMAGE).env("HF_MODEL_ID", model).accelerators(1).memoryMb(1024).copies(1);
    }

    static List<ComponentEndpointSpec> fleet(String model) {
        return IntStream.range(0, 20).mapToObj(i -> endpoint(i, model)).toList();
    }

    @Test
    @DisplayName("a crowded fleet's plans describe nothing absent, list the account in a few pages and read scaling 50 targets a call")
    void crowdedPlansReadSharedLists() {
        FakeSageMaker fake = FakeSageMaker.create();
        Requests calls = new Requests(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();

        FleetDeployment.Summary created = ballast.applyAll(fleet("org/a"), FleetDeployment.Policy.defaults()).await();

        assertThat(created.counts()).as(created.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 20));
        for (int i = 0; i < 20; i++) {
            String endpoint = "fleet-" + i;
            int create = indexOf(calls.sent, r -> r instanceof CreateEndpointRequest c && c.endpointName().equals(endpoint));
            assertThat(calls.sent.subList(0, create)).as("reads of %s before it exists", endpoint)
                    .noneMatch(r -> r instanceof DescribeEndpointRequest d && d.endpointName().equals(endpoint))
                    .noneMatch(r -> r instanceof DescribeEndpointConfigRequest d && d.endpointConfigName().startsWith(endpoint + "-")
                            && !d.endpointConfigName().contains("-lease-"));
            for (String c : List.of("a", "b", "c")) {
                String component = endpoint + "-" + c;
                int made = indexOf(calls.sent, r -> r instanceof CreateInferenceComponentRequest cr
                        && cr.inferenceComponentName().equals(component));
                assertThat(calls.sent.subList(0, made)).as("reads of %s before it exists", component)
                        .noneMatch(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(component));
            }
        }
        // One pass of an empty account is a page of each listing; 60 targets are two DescribeScalableTargets.
        assertThat(calls.listPages()).isEqualTo(3);
        assertThat(calls.count(DescribeScalableTargetsRequest.class)).isEqualTo(2);

        fake.clock().advance(Duration.ofMinutes(15));
        calls.sent.clear();
        FleetDeployment.Summary rolled = ballast.applyAll(fleet("org/b"), FleetDeployment.Policy.defaults()).await();

        assertThat(rolled.counts()).as(rolled.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 20));
        for (int i = 0; i < 20; i++) {
            for (String c : List.of("a", "b", "c")) {
                String component = "fleet-" + i + "-" + c;
                int update = indexOf(calls.sent, r -> r instanceof UpdateInferenceComponentRequest u
                        && u.inferenceComponentName().equals(component));
                assertThat(calls.sent.subList(0, update)).as("the plan reuses the engine's Describe of settled %s", component)
                        .noneMatch(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(component));
                assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName(component))
                        .specification().container().environment()).containsEntry("HF_MODEL_ID", "org/b");
            }
        }
        // 20 endpoints, 60 components and a few dozen configurations: a page of each listing per pass.
        assertThat(calls.listPages()).isEqualTo(3);
        assertThat(calls.count(DescribeScalableTargetsRequest.class)).isEqualTo(2);
    }

    @Test
    @DisplayName("a crowded fleet's plan still sees a component a second writer changed: its LastModifiedTime moved")
    void outOfBandChangeIsPlanned() {
        FakeSageMaker fake = FakeSageMaker.create();
        Requests calls = new Requests(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();
        assertThat(ballast.applyAll(fleet("org/a"), FleetDeployment.Policy.defaults()).await().counts())
                .isEqualTo(Map.of("SUCCEEDED", 20));
        fake.sageMakerClient().updateInferenceComponentRuntimeConfig(r -> r.inferenceComponentName("fleet-7-b")
                .desiredRuntimeConfig(c -> c.copyCount(2)));
        fake.clock().advance(Duration.ofMinutes(15));
        calls.sent.clear();

        // The same specs again: only the copies someone else added differ.
        FleetDeployment.Summary again = ballast.applyAll(fleet("org/a"), FleetDeployment.Policy.defaults()).await();

        assertThat(again.counts()).as(again.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 20));
        assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("fleet-7-b")).runtimeConfig()
                .currentCopyCount()).as("the spec's copies, planned from a fresh Describe").isEqualTo(1);
        assertThat(calls.sent).filteredOn(r -> r instanceof DescribeInferenceComponentRequest)
                .as("only the changed component is described")
                .allMatch(r -> ((DescribeInferenceComponentRequest) r).inferenceComponentName().equals("fleet-7-b"));
        assertThat(calls.sent).filteredOn(r -> r instanceof UpdateInferenceComponentRuntimeConfigRequest)
                .extracting(r -> ((UpdateInferenceComponentRuntimeConfigRequest) r).inferenceComponentName())
                .containsExactly("fleet-7-b");
    }

    @Test
    @DisplayName("a component another writer creates right after the plans' listing fails the create cleanly, and the next apply finishes")
    void nameTakenAfterThePassFailsCleanly() {
        FakeSageMaker fake = FakeSageMaker.create();
        Requests calls = new Requests(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();
        assertThat(ballast.applyAll(fleet("org/a"), FleetDeployment.Policy.defaults()).await().counts())
                .isEqualTo(Map.of("SUCCEEDED", 20));
        fake.clock().advance(Duration.ofMinutes(15));
        String variant = fake.sageMakerClient().describeEndpoint(r -> r.endpointName("fleet-3")).productionVariants().get(0)
                .variantName();
        // Right after the listing showed 'fleet-3-d' absent, a second writer creates it.
        calls.afterPass = () -> fake.sageMakerClient().createInferenceComponent(r -> r.inferenceComponentName("fleet-3-d")
                .endpointName("fleet-3").variantName(variant).runtimeConfig(c -> c.copyCount(1))
                .specification(s -> s.container(c -> c.image(IMAGE).environment(Map.of("HF_MODEL_ID", "org/z")))
                        .computeResourceRequirements(c -> c.numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024))));
        List<ComponentEndpointSpec> specs = IntStream.range(0, 20).mapToObj(i -> i == 3 ? endpoint(i, "org/a", "d")
                : endpoint(i, "org/a")).toList();

        FleetDeployment racing = ballast.applyAll(specs, FleetDeployment.Policy.defaults());
        FleetDeployment.Summary raced = racing.await();

        assertThat(calls.afterPass).as("the second writer ran").isNull();
        Outcome loser = raced.outcomes().get("fleet-3");
        assertThat(loser).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) loser).reason()).startsWith("conflict: inference-component/fleet-3-d already exists, created by another writer")
                .contains("Cannot create already existing inference component");
        assertThat(raced.counts()).containsEntry("SUCCEEDED", 19);
        assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("fleet-3-d"))
                .specification().container().environment()).as("the second writer's component stands")
                .containsEntry("HF_MODEL_ID", "org/z");

        Deployment next = ballast.apply(specs.get(3));

        assertThat(next.await()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("fleet-3-d"))
                .specification().container().environment()).containsEntry("HF_MODEL_ID", "org/a");
    }

    private static int indexOf(List<SdkRequest> sent, java.util.function.Predicate<SdkRequest> which) {
        for (int i = 0; i < sent.size(); i++) {
            if (which.test(sent.get(i))) {
                return i;
            }
        }
        throw new AssertionError("not sent");
    }
}
