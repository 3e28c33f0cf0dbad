package dev.ballast;

import static dev.ballast.VariantEndpointSeed.ROLE;
import static dev.ballast.VariantEndpointSeed.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.ModelSpec.InferenceExecutionMode;
import dev.ballast.spec.ModelContainerSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.VariantEndpointSpec;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Models of several containers in the DSL: inference pipelines and multi-container models invoked directly. */
class MultiContainerModelDslTest {

    private static final String SKLEARN = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1";
    private static final String XGBOOST = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    private static final String TOKEN = "sk_PIPELINE_SECRET_77c1";

    private static Model pipeline() {
        return Model.named("churn-pipeline-v1")
                .pipeline(Container.image(SKLEARN).modelData("s3://bucket/pre.tar.gz").env("SAGEMAKER_PROGRAM", "pre.py"),
                        Container.image(XGBOOST).modelData("s3://bucket/xgb.tar.gz").secretEnv("API_TOKEN", TOKEN))
                .executionRole(ROLE);
    }

    private static Model direct(Container... containers) {
        return Model.named("translators-v1").containers(containers).executionRole(ROLE);
    }

    private static VariantEndpointSpec endpoint(Model model) {
        return serving(Variant.named("AllTraffic").model(model).on("ml.m5.xlarge"));
    }

    private static List<Violation> violations(Model model) {
        try {
            endpoint(model);
        } catch (SpecValidationException e) {
            return e.violations();
        }
        throw new AssertionError("expected violations");
    }

    @Test
    @DisplayName("pipeline(..): the containers in order, Serial, each with its image, model data and environment")
    void pipelineSpec() {
        ModelSpec spec = endpoint(pipeline()).variants().get(0).model().orElseThrow();

        assertThat(spec.executionMode()).contains(InferenceExecutionMode.SERIAL);
        assertThat(spec.image()).isEmpty();
        assertThat(spec.containers()).extracting(ModelContainerSpec::image).containsExactly(
                java.util.Optional.of(SKLEARN), java.util.Optional.of(XGBOOST));
        assertThat(spec.containers().get(0).environment()).containsExactly(entry("SAGEMAKER_PROGRAM", "pre.py"));
        assertThat(spec.containers().get(1).secretEnvironment()).containsKey("API_TOKEN");
        assertThat(spec.containers().get(1).modelDataUrl()).contains("s3://bucket/xgb.tar.gz");
    }

    @Test
    @DisplayName("containers(..): Direct, each container named by its hostname")
    void directSpec() {
        ModelSpec spec = direct(Container.named("english").image(SKLEARN), Container.named("french").image(XGBOOST)).spec();

        assertThat(spec.executionMode()).contains(InferenceExecutionMode.DIRECT);
        assertThat(spec.containers()).extracting(c -> c.hostname().orElseThrow()).containsExactly("english", "french");
    }

    @Test
    @DisplayName("secrets in a container's environment are masked in every text")
    void secretsMasked() {
        Model model = pipeline();

        assertThat(model.toString()).doesNotContain(TOKEN).contains("API_TOKEN=****").contains("Serial");
        assertThat(endpoint(model).toString()).doesNotContain(TOKEN);
        assertThat(Container.image(XGBOOST).secretEnv("API_TOKEN", TOKEN).toString()).doesNotContain(TOKEN)
                .isEqualTo("Container{unnamed, image " + XGBOOST + ", env {API_TOKEN=****}}");
    }

    @Test
    @DisplayName("a container's hostname, image, model data and environment are refused at once when invalid")
    void containerArgumentsRefusedAtOnce() {
        assertThatThrownBy(() -> Container.named("bad_host")).isInstanceOfSatisfying(SpecValidationException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.path()).isEqualTo("container[bad_host].hostname");
                    assertThat(v.rule()).contains("letters, digits and hyphens");
                }));
        assertThatThrownBy(() -> Container.image("has space")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("container.image");
        assertThatThrownBy(() -> Container.named("a").image(SKLEARN).modelData("ftp://x")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("container[a].modelData");
        assertThatThrownBy(() -> Container.image(SKLEARN).env("1BAD", "x")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("container.env[1BAD].key");
        assertThatThrownBy(() -> Model.named("m").pipeline((Container) null)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("containers[0] must not be null");
    }

    @Test
    @DisplayName("direct invocation: every container needs a hostname, and hostnames are unique; every violation at once")
    void directRules() {
        List<Violation> violations = violations(direct(Container.image(SKLEARN), Container.named("a").image(SKLEARN),
                Container.named("a").image(XGBOOST)));

        assertThat(violations).extracting(Violation::path).containsExactly(
                "model[translators-v1].containers[0].hostname", "model[translators-v1].containers[2].hostname");
        assertThat(violations.get(0).rule()).isEqualTo("is required with direct invocation: requests name their container by it");
        assertThat(violations.get(0).fix()).isEqualTo("name the container: Container.named(\"container-1\").image(..)");
        assertThat(violations.get(1).value()).isEqualTo("\"a\"");
        assertThat(violations.get(1).rule()).isEqualTo("must be unique in the model (container 1 has it)");
    }

    @Test
    @DisplayName("pipeline: every container named or none; at most 15 containers")
    void pipelineRules() {
        List<Violation> partial = violations(Model.named("p").pipeline(Container.named("pre").image(SKLEARN),
                Container.image(XGBOOST)).executionRole(ROLE));
        assertThat(partial).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("model[p].containers[1].hostname");
            assertThat(v.rule()).isEqualTo("is required: in a pipeline either every container is named or none is");
        });

        Container[] sixteen = IntStream.range(0, 16).mapToObj(i -> Container.image(SKLEARN)).toArray(Container[]::new);
        assertThat(violations(Model.named("p").pipeline(sixteen).executionRole(ROLE))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("model[p].containers");
            assertThat(v.value()).isEqualTo("16 containers");
            assertThat(v.rule()).isEqualTo("must be at most 15 per model");
            assertThat(v.fix()).isEqualTo("drop 1 container, or split them over two models");
        });
        assertThat(endpoint(Model.named("p").pipeline(IntStream.range(0, 15).mapToObj(i -> Container.image(SKLEARN))
                .toArray(Container[]::new)).executionRole(ROLE)).variants()).hasSize(1);
    }

    @Test
    @DisplayName("a model is either one container or several: image, model data and environment beside containers are refused")
    void notBothPrimaryAndContainers() {
        List<Violation> violations = violations(Model.named("m").image(SKLEARN).modelData("s3://b/m.tar.gz")
                .env("A", "1").pipeline(Container.image(XGBOOST)).executionRole(ROLE));

        assertThat(violations).extracting(Violation::path).containsExactly("model[m].image", "model[m].modelData", "model[m].env");
        assertThat(violations.get(0).rule()).isEqualTo("must not be set on a model of several containers (PrimaryContainer and Containers are exclusive)");
        assertThat(violations.get(0).fix()).isEqualTo("give the image to a container of pipeline(..), or drop image(..)");
    }

    @Test
    @DisplayName("each container is checked as a single one: its image is required and its environment limited, with the container's path")
    void perContainerRules() {
        // specs built without the DSL, which refuses both at once
        ModelContainerSpec noImage = ModelContainerSpec.builder().hostname("a").build();
        ModelContainerSpec longValue = ModelContainerSpec.builder().hostname("b").image(SKLEARN)
                .putEnvironment("K", "x".repeat(1025)).build();
        List<Violation> violations = violations(Model.named("m").containers(Container.from(noImage),
                Container.from(longValue)).executionRole(ROLE));

        assertThat(violations).extracting(Violation::path).containsExactly("model[m].containers[0].image",
                "model[m].containers[1].env[K]");
    }
}
