package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.FleetDeployment;
import dev.ballast.outcome.Outcome;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

/** What a fleet reads: an engine's own Describes serve its next plans, and its leases still fence a second writer (see also FleetInventoryTest). */
class FleetReadsTest {

    /** Every request that reached the fake, in order; AddTags of a resource whose ARN contains {@code failTagsOf} are refused. */
    static final class Requests implements Transport {
        private final FakeSageMaker fake;
        final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
        volatile String failTagsOf = "";

        Requests(FakeSageMaker fake) {
            this.fake = fake;
        }

        @Override
        public SdkResponse execute(SdkRequest request) {
            sent.add(request);
            if (request instanceof AddTagsRequest t && !failTagsOf.isEmpty() && t.resourceArn().contains(failTagsOf)) {
                throw (SageMakerException) SageMakerException.builder().statusCode(400).message("AccessDenied").build();
            }
            return fake.execute(request);
        }
    }

    @Test
    @DisplayName("a fleet's roll reuses the engine's own Describe of each settled component the endpoint's list shows unchanged")
    void rollReusesOwnDescribes() {
        FakeSageMaker fake = FakeSageMaker.create();
        Requests calls = new Requests(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();
        assertThat(ballast.applyAll(fleet("org/a"), FleetDeployment.Policy.defaults()).await().counts())
                .isEqualTo(Map.of("SUCCEEDED", 6));
        // Someone else scales fleet-0's component: its LastModifiedTime moves, so the engine's Describe of it is stale.
        fake.sageMakerClient().updateInferenceComponentRuntimeConfig(r -> r.inferenceComponentName("fleet-0-llm")
                .desiredRuntimeConfig(c -> c.copyCount(2)));
        fake.clock().advance(Duration.ofMinutes(15));
        calls.sent.clear();

        FleetDeployment.Summary rolled = ballast.applyAll(fleet("org/b"), FleetDeployment.Policy.defaults()).await();

        assertThat(rolled.counts()).as(rolled.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 6));
        for (int i = 0; i < 6; i++) {
            String component = "fleet-" + i + "-llm";
            int update = indexOf(calls.sent, r -> r instanceof UpdateInferenceComponentRequest u && u.inferenceComponentName().equals(component));
            long planReads = calls.sent.subList(0, update).stream()
                    .filter(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(component)).count();
            // the changed one is described again; the others are known from the Describe that saw them settle
            assertThat(planReads).as(component).isEqualTo(i == 0 ? 1 : 0);
            assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName(component)).specification()
                    .container().environment()).containsEntry("HF_MODEL_ID", "org/b");
        }
        // The plans read one shared listing of the account (a page of each list), not a list per endpoint.
        assertThat(calls.sent).filteredOn(r -> r.getClass().getSimpleName().equals("ListInferenceComponentsRequest")
                && r.getValueForField("EndpointNameEquals", String.class).isEmpty()
                && r.getValueForField("StatusEquals", String.class).isEmpty()
                && r.getValueForField("LastModifiedTimeAfter", java.time.Instant.class).isEmpty()).hasSize(1);
        assertThat(calls.sent).noneMatch(r -> r.getClass().getSimpleName().equals("ListInferenceComponentsRequest")
                && r.getValueForField("EndpointNameEquals", String.class).isPresent());
        assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("fleet-0-llm")).runtimeConfig()
                .currentCopyCount()).as("the spec's copies, planned from a fresh Describe").isEqualTo(1);
    }

    @Test
    @DisplayName("in a fleet, leases whose engine's heartbeat is not renewed expire, and a deployment stops before its next call"
            + " once another writer took its lease")
    void crowdedLeaseStillFencesASecondWriter() {
        FakeSageMaker fake = FakeSageMaker.create();
        Requests calls = new Requests(fake);
        // a crowded engine's leases live by its heartbeat (issue 17): its renewals are refused
        calls.failTagsOf = "endpoint-config/ballast-heartbeat-";
        Ballast ballast = fake.engineBuilder().transport(calls).leaseDuration(Duration.ofMinutes(3)).build();
        FleetDeployment fleet = ballast.applyAll(FleetTest.fleet(4, "org/a"), FleetDeployment.Policy.defaults());
        fake.clock().advance(Duration.ofMinutes(3).plusSeconds(30)); // past the lease's expiry: the endpoints are still Creating
        assertThat(calls.sent).noneMatch(r -> r.getClass().getSimpleName().equals("CreateInferenceComponentRequest"));
        String lease = fake.sageMakerClient().listEndpointConfigs(r -> { }).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).filter(c -> c.startsWith("fleet-0-lease-")).findFirst().orElseThrow();
        // a second writer takes the expired lease over
        fake.sageMakerClient().deleteEndpointConfig(r -> r.endpointConfigName(lease));
        fake.sageMakerClient().createEndpointConfig(r -> r.endpointConfigName(lease)
                .executionRoleArn("arn:aws:iam::123456789012:role/SageMakerRole").productionVariants(ProductionVariant
                        .builder().variantName("ballast-someoneelse0000").instanceType("ml.g5.2xlarge").initialInstanceCount(1).build()));

        FleetDeployment.Summary summary = fleet.await();

        Outcome loser = summary.outcomes().get("fleet-0");
        assertThat(loser).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) loser).reason()).startsWith("Conflict: endpoint 'fleet-0' is being changed by");
        assertThat(calls.sent).noneMatch(r -> r.getClass().getSimpleName().equals("CreateInferenceComponentRequest")
                && r.getValueForField("EndpointName", String.class).orElse("").equals("fleet-0"));
        assertThat(summary.counts()).containsEntry("SUCCEEDED", 3);
    }

    /** Six endpoints with room for a second copy on their one instance. */
    private static List<dev.ballast.spec.ComponentEndpointSpec> fleet(String model) {
        return java.util.stream.IntStream.range(0, 6).mapToObj(i -> FleetTest.endpoint("fleet-" + i, "ml.g5.12xlarge", model)).toList();
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
