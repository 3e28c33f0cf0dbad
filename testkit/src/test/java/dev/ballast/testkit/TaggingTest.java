package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

@DisplayName("AddTags, ListTags and DeleteTags on models, endpoint configs, endpoints and inference components")
class TaggingTest {

    private static final String PREFIX = "arn:aws:sagemaker:us-east-1:123456789012:";
    private static final String MODEL_ARN = PREFIX + "model/my-model";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> numbered(String prefix, int from, int count) {
        List<Tag> tags = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            tags.add(tag(prefix + i, "v" + i));
        }
        return tags;
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    private Map<String, String> tagsOf(String arn) {
        return asMap(sm.listTags(b -> b.resourceArn(arn)).tags());
    }

    private String createModel(String name, Tag... tags) {
        return sm.createModel(b -> b.modelName(name).executionRoleArn(Fixtures.ROLE).tags(tags)
                .primaryContainer(ContainerDefinition.builder().image(Fixtures.IMAGE).build())).modelArn();
    }

    private String createIcConfig(String name, Tag... tags) {
        return sm.createEndpointConfig(b -> b.endpointConfigName(name).executionRoleArn(Fixtures.ROLE).tags(tags)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(1).build())).endpointConfigArn();
    }

    private static void assertDoesNotExist(Runnable call) {
        assertThatThrownBy(call::run).isExactlyInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("Resource does not exist.")
                .satisfies(e -> assertThat(((SageMakerException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    @DisplayName("tags given at create, are the resources tags, for every kind of resource")
    void tagsGivenAtCreateAreTheResourcesTagsForEveryKindOfResource() {
        String model = createModel("My-Model", tag("team", "ml"), tag("cost-center", "42"));
        String config = createIcConfig("Cfg", tag("stage", "prod"));
        String endpoint = sm.createEndpoint(b -> b.endpointName("Ep").endpointConfigName("Cfg")
                .tags(tag("owner", "alice"))).endpointArn();
        Fixtures.awaitEndpoint(fake, "Ep", EndpointStatus.IN_SERVICE);
        String component = sm.createInferenceComponent(b -> b.inferenceComponentName("Ic").endpointName("Ep")
                .variantName("AllTraffic").specification(Fixtures.llm("m")).runtimeConfig(r -> r.copyCount(1))
                .tags(tag("app", "chat"))).inferenceComponentArn();
        String untagged = createModel("plain");

        assertThat(model).isEqualTo(MODEL_ARN);
        assertThat(tagsOf(model)).containsExactly(Map.entry("team", "ml"), Map.entry("cost-center", "42"));
        assertThat(tagsOf(config)).containsExactly(Map.entry("stage", "prod"));
        assertThat(tagsOf(endpoint)).containsExactly(Map.entry("owner", "alice"));
        assertThat(tagsOf(component)).containsExactly(Map.entry("app", "chat"));
        ListTagsResponse none = sm.listTags(b -> b.resourceArn(untagged));
        assertThat(none.tags()).isEmpty();
        assertThat(none.nextToken()).isNull();
    }

    @Test
    @DisplayName("addTags: adds and overwrites by key, and answers every tag of the resource")
    void addTagsAddsAndOverwritesByKeyAndAnswersEveryTagOfTheResource() {
        createModel("my-model", tag("a", "1"), tag("b", "2"));

        AddTagsResponse added = sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("b", "20"), tag("c", "3")));

        assertThat(asMap(added.tags())).containsExactly(Map.entry("a", "1"), Map.entry("b", "20"), Map.entry("c", "3"));
        assertThat(tagsOf(MODEL_ARN)).containsExactly(Map.entry("a", "1"), Map.entry("b", "20"), Map.entry("c", "3"));
    }

    @Test
    @DisplayName("addTags: with a key twice, keeps its last value, and tags are case sensitive")
    void addTagsWithAKeyTwiceKeepsItsLastValueAndTagsAreCaseSensitive() {
        createModel("my-model");

        sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("k", "first"), tag("K", "other"), tag("k", "last")));

        assertThat(tagsOf(MODEL_ARN)).containsExactly(Map.entry("k", "last"), Map.entry("K", "other"));
    }

    @Test
    @DisplayName("deleteTags: removes the keys, and ignores keys the resource does not have")
    void deleteTagsRemovesTheKeysAndIgnoresKeysTheResourceDoesNotHave() {
        createModel("my-model", tag("a", "1"), tag("b", "2"), tag("c", "3"));

        sm.deleteTags(b -> b.resourceArn(MODEL_ARN).tagKeys("b", "nope", "A"));

        assertThat(tagsOf(MODEL_ARN)).containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
        sm.deleteTags(b -> b.resourceArn(MODEL_ARN).tagKeys("a", "c"));
        assertThat(tagsOf(MODEL_ARN)).isEmpty();
    }

    @Test
    @DisplayName("listTags: gives all fifty tags on one page, with the smallest page size and by default")
    void listTagsGivesAllFiftyTagsOnOnePageWithTheSmallestPageSizeAndByDefault() {
        createModel("my-model", numbered("k", 0, 50).toArray(Tag[]::new));

        ListTagsResponse page = sm.listTags(b -> b.resourceArn(MODEL_ARN).maxResults(50));
        ListTagsResponse byDefault = sm.listTags(b -> b.resourceArn(MODEL_ARN));

        assertThat(page.tags()).extracting(Tag::key).hasSize(50).startsWith("k0", "k1").endsWith("k49");
        assertThat(page.nextToken()).isNull();
        assertThat(byDefault.tags()).isEqualTo(page.tags());
        assertThat(byDefault.nextToken()).isNull();
        assertThat(sm.listTagsPaginator(b -> b.resourceArn(MODEL_ARN)).tags()).hasSize(50);
    }

    @Test
    @DisplayName("theResourcesTotal: may not exceed fifty, and a refused add tags changes nothing")
    void theResourcesTotalMayNotExceedFiftyAndARefusedAddTagsChangesNothing() {
        createModel("my-model", numbered("k", 0, 49).toArray(Tag[]::new));

        sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("k0", "new"), tag("k49", "v49")));
        assertThat(tagsOf(MODEL_ARN)).hasSize(50).containsEntry("k0", "new");

        assertThatThrownBy(() -> sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("k1", "changed"), tag("k50", "v"))))
                .isExactlyInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("Resource \"" + MODEL_ARN + "\" can have at most 50 tags; with the requested"
                        + " tags it would have 51.")
                .satisfies(e -> assertThat(((SageMakerException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThat(tagsOf(MODEL_ARN)).hasSize(50).containsEntry("k1", "v1").doesNotContainKey("k50");

        // at the limit, overwriting is still allowed; after a delete there is room again
        sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("k2", "changed")));
        sm.deleteTags(b -> b.resourceArn(MODEL_ARN).tagKeys("k3"));
        sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("k50", "v50")));
        assertThat(tagsOf(MODEL_ARN)).hasSize(50).containsEntry("k2", "changed").containsEntry("k50", "v50");
    }

    @ParameterizedTest
    @DisplayName("reservedKeys: are refused by add tags and delete tags, with the service text")
    @ValueSource(strings = {"aws:cloudformation:stack-name", "AWS:owner", "Aws:x"})
    void reservedKeysAreRefusedByAddTagsAndDeleteTagsWithTheServiceText(String key) {
        createModel("my-model", tag("keep", "1"));
        String text = "System prefix 'aws:' reserved for AWS usage in tag key: " + key;

        assertThatThrownBy(() -> sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("fine", "1"), tag(key, "v"))))
                .isExactlyInstanceOf(SageMakerException.class).hasMessageStartingWith(text);
        assertThatThrownBy(() -> sm.deleteTags(b -> b.resourceArn(MODEL_ARN).tagKeys("keep", key)))
                .isExactlyInstanceOf(SageMakerException.class).hasMessageStartingWith(text);

        assertThat(tagsOf(MODEL_ARN)).containsExactly(Map.entry("keep", "1"));
    }

    @Test
    @DisplayName("keys merely containing aws, and values starting with it, are not reserved")
    void keysMerelyContainingAwsAndValuesStartingWithItAreNotReserved() {
        createModel("my-model");

        sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("my-aws:key", "aws:value"), tag("aws", "x")));

        assertThat(tagsOf(MODEL_ARN)).containsExactly(Map.entry("my-aws:key", "aws:value"), Map.entry("aws", "x"));
    }

    @Test
    @DisplayName("create with a reserved key, is refused, and creates nothing")
    void createWithAReservedKeyIsRefusedAndCreatesNothing() {
        String text = "System prefix 'aws:' reserved for AWS usage in tag key: aws:team";

        assertThatThrownBy(() -> createModel("m", tag("aws:team", "x"))).hasMessageStartingWith(text);
        assertThatThrownBy(() -> createIcConfig("cfg", tag("aws:team", "x"))).hasMessageStartingWith(text);
        createIcConfig("ok");
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("ok")
                .tags(tag("aws:team", "x")))).hasMessageStartingWith(text);

        assertThat(sm.listModels(b -> { }).models()).isEmpty();
        assertThat(sm.listEndpointConfigs(b -> { }).endpointConfigs()).extracting(c -> c.endpointConfigName())
                .containsExactly("ok");
        assertThat(sm.listEndpoints(b -> { }).endpoints()).isEmpty();
    }

    @Test
    @DisplayName("an arn that names no resource, is a validation exception, for each call")
    void anArnThatNamesNoResourceIsAValidationExceptionForEachCall() {
        createModel("my-model");
        List<String> arns = List.of(
                PREFIX + "model/missing",
                PREFIX + "model/My-Model",                                        // the name not lower-cased
                PREFIX + "endpoint/my-model",                                     // another type
                PREFIX + "training-job/my-model",                                 // a type the fake does not model
                "arn:aws:sagemaker:eu-west-1:123456789012:model/my-model",        // another region
                "arn:aws:sagemaker:us-east-1:999999999999:model/my-model");       // another account
        for (String arn : arns) {
            assertDoesNotExist(() -> sm.listTags(b -> b.resourceArn(arn)));
            assertDoesNotExist(() -> sm.addTags(b -> b.resourceArn(arn).tags(tag("k", "v"))));
            assertDoesNotExist(() -> sm.deleteTags(b -> b.resourceArn(arn).tagKeys("k")));
        }
        assertThat(tagsOf(MODEL_ARN)).isEmpty();
    }

    @Test
    @DisplayName("a deleted models tags, go with it, and a namesake starts with its own")
    void aDeletedModelsTagsGoWithItAndANamesakeStartsWithItsOwn() {
        createModel("my-model", tag("old", "1"));
        sm.addTags(b -> b.resourceArn(MODEL_ARN).tags(tag("added", "2")));

        sm.deleteModel(b -> b.modelName("my-model"));

        assertDoesNotExist(() -> sm.listTags(b -> b.resourceArn(MODEL_ARN)));
        createModel("My-Model", tag("new", "3"));
        assertThat(tagsOf(MODEL_ARN)).containsExactly(Map.entry("new", "3"));
    }

    @Test
    @DisplayName("a deleted configs tags, go with it")
    void aDeletedConfigsTagsGoWithIt() {
        String arn = createIcConfig("cfg", tag("a", "1"));

        sm.deleteEndpointConfig(b -> b.endpointConfigName("cfg"));

        assertDoesNotExist(() -> sm.listTags(b -> b.resourceArn(arn)));
    }

    @Test
    @DisplayName("an endpoint keeps its tags while deleting, and loses them when the deletion completes")
    void anEndpointKeepsItsTagsWhileDeletingAndLosesThemWhenTheDeletionCompletes() {
        createIcConfig("cfg");
        String arn = sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg").tags(tag("a", "1")))
                .endpointArn();
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);

        sm.deleteEndpoint(b -> b.endpointName("ep"));

        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.DELETING);
        sm.addTags(b -> b.resourceArn(arn).tags(tag("b", "2")));
        assertThat(tagsOf(arn)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        fake.clock().advance(fake.timings().endpointDeletion());
        assertThat(Fixtures.gone(fake, () -> Fixtures.endpoint(fake, "ep"))).isTrue();
        assertDoesNotExist(() -> sm.listTags(b -> b.resourceArn(arn)));
    }

    @Test
    @DisplayName("a component keeps its tags while deleting, and loses them when it is gone")
    void aComponentKeepsItsTagsWhileDeletingAndLosesThemWhenItIsGone() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 0, 0);
        String arn = sm.createInferenceComponent(b -> b.inferenceComponentName("ic").endpointName("ep")
                .variantName("AllTraffic").specification(Fixtures.llm("m")).runtimeConfig(r -> r.copyCount(1))
                .tags(tag("a", "1"))).inferenceComponentArn();
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);

        sm.deleteInferenceComponent(b -> b.inferenceComponentName("ic"));

        assertThat(Fixtures.component(fake, "ic").inferenceComponentStatus())
                .isEqualTo(InferenceComponentStatus.DELETING);
        assertThat(tagsOf(arn)).containsExactly(Map.entry("a", "1"));
        fake.clock().advanceUntil(() -> Fixtures.gone(fake, () -> Fixtures.component(fake, "ic")), Duration.ofHours(1));
        assertDoesNotExist(() -> sm.listTags(b -> b.resourceArn(arn)));
    }

    @Test
    @DisplayName("the fake as a transport, serves the tagging calls too")
    void theFakeAsATransportServesTheTaggingCallsToo() {
        createModel("my-model", tag("a", "1"));

        assertThat(fake.execute(ListTagsRequest.builder().resourceArn(MODEL_ARN).build()))
                .isInstanceOfSatisfying(ListTagsResponse.class,
                        r -> assertThat(asMap(r.tags())).containsExactly(Map.entry("a", "1")));
    }
}
