package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSummary;

@DisplayName("ListEndpoints and ListInferenceComponents filter by LastModifiedTimeAfter and LastModifiedTimeBefore")
class ListByLastModifiedTimeTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private List<String> componentsModifiedBetween(Instant after, Instant before) {
        return sm.listInferenceComponents(r -> r.lastModifiedTimeAfter(after).lastModifiedTimeBefore(before)).inferenceComponents()
                .stream().map(InferenceComponentSummary::inferenceComponentName).toList();
    }

    @Test
    @DisplayName("a component is listed as modified when an operation on it begins and when it ends, and not in between")
    void componentsByModification() {
        Fixtures.icEndpoint(fake, "llm", "ml.g5.12xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "old", "llm", Fixtures.llm("org/old"), 1);
        Fixtures.awaitComponent(fake, "old", InferenceComponentStatus.IN_SERVICE);
        fake.clock().advance(Duration.ofMinutes(5));
        Instant beforeNew = fake.clock().now();
        fake.clock().advance(Duration.ofSeconds(1));
        Fixtures.createComponent(fake, "new", "llm", Fixtures.llm("org/new"), 1);
        Instant created = fake.clock().now();
        fake.clock().advance(Duration.ofSeconds(1));
        Instant whileCreating = fake.clock().now();

        assertThat(componentsModifiedBetween(beforeNew, null)).containsExactly("new");
        assertThat(componentsModifiedBetween(null, beforeNew)).containsExactly("old");
        assertThat(componentsModifiedBetween(created, null)).as("strictly after").isEmpty();
        Fixtures.awaitComponent(fake, "new", InferenceComponentStatus.IN_SERVICE);
        Instant settled = Fixtures.component(fake, "new").lastModifiedTime();
        assertThat(settled).isAfter(whileCreating);
        assertThat(componentsModifiedBetween(whileCreating, null)).as("its settle modified it").containsExactly("new");
        assertThat(sm.listInferenceComponents(r -> r.lastModifiedTimeAfter(whileCreating).statusEquals(InferenceComponentStatus.CREATING))
                .inferenceComponents()).isEmpty();
    }

    @Test
    @DisplayName("an endpoint is listed as modified from its create and from each update")
    void endpointsByModification() {
        Fixtures.icEndpoint(fake, "first", "ml.g5.2xlarge", 1, 0, 0);
        fake.clock().advance(Duration.ofMinutes(1));
        Instant between = fake.clock().now();
        fake.clock().advance(Duration.ofSeconds(1));
        Fixtures.icEndpoint(fake, "second", "ml.g5.2xlarge", 1, 0, 0);

        assertThat(sm.listEndpoints(r -> r.lastModifiedTimeAfter(between)).endpoints()).extracting(EndpointSummary::endpointName)
                .containsExactly("second");
        assertThat(sm.listEndpoints(r -> r.lastModifiedTimeBefore(between)).endpoints()).extracting(EndpointSummary::endpointName)
                .containsExactly("first");
    }
}
