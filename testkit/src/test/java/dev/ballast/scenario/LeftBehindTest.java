package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.engine.BallastEngine;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;

/**
 * A crash between two calls leaves nothing orphaned for good: the configuration versions an apply
 * that did not finish left behind are listed in the next plan and deleted by the next apply —
 * never a configuration of another name.
 */
class LeftBehindTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CountingTransport transport = new CountingTransport(fake, 0);
    private final BallastEngine ballast = engine();

    private BallastEngine engine() {
        return fake.engineBuilder().transport(transport).build();
    }

    private List<String> configs() {
        return fake.sageMakerClient().listEndpointConfigs(r -> { }).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).sorted().toList();
    }

    /** Starts applying the spec in an engine that dies once the operation has been sent. */
    private void crashAfter(ComponentEndpointSpec spec, String operation) {
        KillableScheduler doomed = new KillableScheduler(fake.clock());
        transport.reset();
        BallastEngine.builder().transport(transport).clock(fake.clock(), doomed).build().apply(spec);
        assertThat(fake.clock().advanceUntil(() -> transport.mutations().contains(operation), Duration.ofMinutes(5)))
                .as("%s sent", operation).isTrue();
        doomed.kill();
        // the dead process's lease expires before anyone else may change the endpoint
        fake.clock().advance(Duration.ofMinutes(11));
    }

    @Test
    @DisplayName("a crash right after UpdateEndpoint: the next apply deletes the old configuration version")
    void crashAfterUpdateEndpoint() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        String old = NotebookSpecs.llama().endpointConfigName();
        ComponentEndpointSpec scaled = NotebookSpecs.llamaScaledTo(6);
        crashAfter(scaled, "UpdateEndpoint");
        assertThat(configs()).contains(old, scaled.endpointConfigName());

        Plan plan = ballast.plan(scaled);
        assertThat(plan.calls()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("DeleteEndpointConfig");
            assertThat(c.resource()).isEqualTo("endpoint-config/" + old);
            assertThat(c.reason()).contains("left behind");
        });
        assertThat(ballast.apply(scaled).await()).isSucceeded();
        assertThat(configs()).containsExactly(scaled.endpointConfigName());
    }

    @Test
    @DisplayName("a crash right after CreateEndpointConfig, then another spec: the version nobody moved to goes")
    void crashAfterCreateEndpointConfig() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        ComponentEndpointSpec abandoned = NotebookSpecs.llamaScaledTo(6);
        crashAfter(abandoned, "CreateEndpointConfig");
        assertThat(configs()).contains(abandoned.endpointConfigName());

        ComponentEndpointSpec next = NotebookSpecs.llamaScaledTo(5);
        assertThat(ballast.apply(next).await()).isSucceeded();
        assertThat(configs()).containsExactly(next.endpointConfigName());
    }

    @Test
    @DisplayName("configurations of other names, and of other endpoints, are never touched")
    void othersAreLeftAlone() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        for (String name : List.of("rolling-demo-hand-made", "rolling-demo-0123456789", "rolling-demo-x-01234567",
                "other-endpoint-01234567")) {
            fake.sageMakerClient().createEndpointConfig(r -> r.endpointConfigName(name)
                    .executionRoleArn(NotebookSpecs.ROLE).productionVariants(v -> v.variantName("AllTraffic")
                            .instanceType("ml.g5.2xlarge").initialInstanceCount(1)));
        }
        assertThat(ballast.plan(NotebookSpecs.llama()).calls()).isEmpty();
        assertThat(ballast.apply(NotebookSpecs.llamaScaledTo(6)).await()).isSucceeded();
        assertThat(configs()).contains("rolling-demo-hand-made", "rolling-demo-0123456789", "rolling-demo-x-01234567",
                "other-endpoint-01234567");
    }
}
