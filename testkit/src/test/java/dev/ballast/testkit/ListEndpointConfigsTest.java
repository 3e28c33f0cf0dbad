package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

@DisplayName("ListEndpointConfigs (and the listing it shares with ListModels, ListEndpoints, ListInferenceComponents)")
class ListEndpointConfigsTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    /** Creates a config, then lets a minute pass; returns its creation time. */
    private Instant config(String name) {
        sm.createEndpointConfig(b -> b.endpointConfigName(name).executionRoleArn(Fixtures.ROLE)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(1).build()));
        Instant created = fake.clock().now();
        fake.clock().advance(Duration.ofMinutes(1));
        return created;
    }

    private List<String> names(Consumer<ListEndpointConfigsRequest.Builder> request) {
        return sm.listEndpointConfigs(request).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).toList();
    }

    @Test
    @DisplayName("byDefault: newest first, with name arn and creation time")
    void byDefaultNewestFirstWithNameArnAndCreationTime() {
        Instant first = config("Alpha-Cfg");
        config("beta-cfg");
        config("gamma");

        ListEndpointConfigsResponse response = sm.listEndpointConfigs(b -> { });

        assertThat(response.endpointConfigs()).extracting(EndpointConfigSummary::endpointConfigName)
                .containsExactly("gamma", "beta-cfg", "Alpha-Cfg");
        EndpointConfigSummary alpha = response.endpointConfigs().get(2);
        assertThat(alpha.endpointConfigArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/alpha-cfg");
        assertThat(alpha.creationTime()).isEqualTo(first);
        assertThat(response.nextToken()).isNull();
    }

    @Test
    @DisplayName("sorts by name or creation time, in either order")
    void sortsByNameOrCreationTimeInEitherOrder() {
        config("b");
        config("c");
        config("a");

        assertThat(names(b -> b.sortBy("Name"))).containsExactly("c", "b", "a");
        assertThat(names(b -> b.sortBy("Name").sortOrder("Ascending"))).containsExactly("a", "b", "c");
        assertThat(names(b -> b.sortBy("CreationTime").sortOrder("Ascending"))).containsExactly("b", "c", "a");
        assertThat(names(b -> b.sortOrder("Descending"))).containsExactly("a", "c", "b");
    }

    @Test
    @DisplayName("nameContains: filters")
    void nameContainsFilters() {
        config("prod-llm");
        config("staging-llm");
        config("prod-vision");

        assertThat(names(b -> b.nameContains("prod"))).containsExactly("prod-vision", "prod-llm");
        assertThat(names(b -> b.nameContains("llm").sortBy("Name").sortOrder("Ascending")))
                .containsExactly("prod-llm", "staging-llm");
        assertThat(names(b -> b.nameContains("nothing"))).isEmpty();
    }

    @Test
    @DisplayName("creationTimeAfter: is inclusive, and creation time before, is exclusive")
    void creationTimeAfterIsInclusiveAndCreationTimeBeforeIsExclusive() {
        config("one");
        Instant second = config("two");
        Instant third = config("three");

        assertThat(names(b -> b.creationTimeAfter(second))).containsExactly("three", "two");
        assertThat(names(b -> b.creationTimeBefore(second))).containsExactly("one");
        assertThat(names(b -> b.creationTimeAfter(second).creationTimeBefore(third))).containsExactly("two");
        assertThat(names(b -> b.creationTimeAfter(third.plusSeconds(1)))).isEmpty();
    }

    @Test
    @DisplayName("pages with max results and next token")
    void pagesWithMaxResultsAndNextToken() {
        for (int i = 0; i < 5; i++) {
            config("cfg-" + i);
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String from = token;
            ListEndpointConfigsResponse page = sm.listEndpointConfigs(b -> b.maxResults(2).sortBy("Name")
                    .sortOrder("Ascending").nextToken(from));
            assertThat(page.endpointConfigs()).hasSizeLessThanOrEqualTo(2);
            page.endpointConfigs().forEach(c -> seen.add(c.endpointConfigName()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("cfg-0", "cfg-1", "cfg-2", "cfg-3", "cfg-4");
        assertThat(sm.listEndpointConfigsPaginator(b -> b.maxResults(2)).endpointConfigs()).hasSize(5);
    }

    @Test
    @DisplayName("configs created at the same instant, list as if the clock had ticked")
    void configsCreatedAtTheSameInstantListAsIfTheClockHadTicked() {
        for (String name : List.of("x", "y", "z")) {
            sm.createEndpointConfig(b -> b.endpointConfigName(name).executionRoleArn(Fixtures.ROLE)
                    .productionVariants(ProductionVariant.builder().variantName("AllTraffic")
                            .instanceType("ml.g5.2xlarge").initialInstanceCount(1).build()));
        }

        assertThat(names(b -> { })).containsExactly("z", "y", "x");
        assertThat(names(b -> b.sortOrder("Ascending"))).containsExactly("x", "y", "z");
    }

    @Test
    @DisplayName("deletedConfigs: are not listed")
    void deletedConfigsAreNotListed() {
        config("keep");
        config("drop");

        sm.deleteEndpointConfig(b -> b.endpointConfigName("DROP"));

        assertThat(names(b -> { })).containsExactly("keep");
    }

    @Test
    @DisplayName("listModels: filters by creation time, like list endpoint configs")
    void listModelsFiltersByCreationTimeLikeListEndpointConfigs() {
        sm.createModel(b -> b.modelName("old").executionRoleArn(Fixtures.ROLE)
                .primaryContainer(c -> c.image(Fixtures.IMAGE)));
        fake.clock().advance(Duration.ofMinutes(1));
        Instant cut = fake.clock().now();
        sm.createModel(b -> b.modelName("new").executionRoleArn(Fixtures.ROLE)
                .primaryContainer(c -> c.image(Fixtures.IMAGE)));

        assertThat(sm.listModels(b -> b.creationTimeAfter(cut)).models()).extracting(m -> m.modelName())
                .containsExactly("new");
        assertThat(sm.listModels(b -> b.creationTimeBefore(cut)).models()).extracting(m -> m.modelName())
                .containsExactly("old");
    }
}
