package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.FleetDeployment;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's fleet example, run as written (its lines are checked against this file). */
class FleetReadmeExampleTest {

    private final String role = "arn:aws:iam::123456789012:role/SageMakerRole";
    private final String image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    @Test
    @DisplayName("the README's fleet example: twelve endpoints, four at a time, all SUCCEEDED")
    void fleetExample() {
        FakeSageMaker fake = FakeSageMaker.create();
        Ballast ballast = fake.engine();
        List<ComponentEndpointSpec> specs = IntStream.range(0, 12)
                .mapToObj(i -> Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole(role)
                        .component(Component.named("team-" + i + "-llm").image(image).accelerators(1).memoryMb(1024).copies(1))
                        .named("team-" + i))
                .toList();
        FleetDeployment fleet = ballast.applyAll(specs, FleetDeployment.Policy.defaults().concurrency(4).stopAfter(2));
        FleetDeployment.Summary summary = fleet.await();
        assertThat(summary.counts()).isEqualTo(Map.of("SUCCEEDED", 12));
        assertThat(summary.firstFailure()).isEmpty();
        assertThat(fleet.deployments().get("team-3").await().isSuccess()).isTrue();

        // and the fleet goes as it came
        assertThat(ballast.deleteAll(specs, FleetDeployment.Policy.defaults()).await().allSucceeded()).isTrue();
        assertThat(fake.sageMakerClient().listEndpoints(b -> b.nameContains("team-")).endpoints()).isEmpty();
    }

    @Test
    @DisplayName("the README's fleet example is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("fleet-example", FleetReadmeExampleTest.class);
    }
}
