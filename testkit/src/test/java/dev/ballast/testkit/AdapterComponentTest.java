package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;

/** Adapter inference components (LoRA adapters on a base component) in the fake. */
class AdapterComponentTest {

    private static final String ADAPTER_URL = "s3://my-bucket/adapters/support.tar.gz";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void base() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "llm", "ep", Fixtures.llm("m"), 1);
    }

    private void adapter(String name, String base, String url) {
        sm.createInferenceComponent(b -> b.inferenceComponentName(name).endpointName("ep")
                .specification(s -> s.baseInferenceComponentName(base).container(c -> c.artifactUrl(url))));
    }

    @Test
    @DisplayName("an adapter is created only once its base is InService, and then loads its artifact")
    void anAdapterIsCreatedOnlyOnceItsBaseIsInService() {
        base();
        assertThatThrownBy(() -> adapter("support", "llm", ADAPTER_URL)).hasMessageStartingWith(
                "Cannot create adapter inference component on base inference component"
                        + " \"arn:aws:sagemaker:us-east-1:123456789012:inference-component/llm\" because it is in"
                        + " Creating status.");
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);

        adapter("support", "llm", ADAPTER_URL);
        assertThat(Fixtures.component(fake, "support").inferenceComponentStatus())
                .isEqualTo(InferenceComponentStatus.CREATING);
        fake.clock().advance(fake.timings().modelDownload());
        DescribeInferenceComponentResponse d = Fixtures.component(fake, "support");
        assertThat(d.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(d.specification().baseInferenceComponentName()).isEqualTo("llm");
        assertThat(d.specification().container().artifactUrl()).isEqualTo(ADAPTER_URL);
        assertThat(d.specification().computeResourceRequirements()).isNull();
        assertThat(d.runtimeConfig()).isNull();
        assertThat(d.variantName()).isEqualTo("AllTraffic");
        // no copies of its own: the base still has its one copy, placed alone on the fleet
        assertThat(Fixtures.component(fake, "llm").runtimeConfig().currentCopyCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("what an adapter must leave out, and a base that is missing or an adapter, are refused")
    void whatAnAdapterMustLeaveOutIsRefused() {
        base();
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);
        assertThatThrownBy(() -> sm.createInferenceComponent(b -> b.inferenceComponentName("a").endpointName("ep")
                .specification(s -> s.baseInferenceComponentName("llm").container(c -> c.artifactUrl(ADAPTER_URL))
                        .computeResourceRequirements(r -> r.minMemoryRequiredInMb(1024)))))
                .hasMessageStartingWith("ComputeResourceRequirements must not be specified for an adapter");
        assertThatThrownBy(() -> sm.createInferenceComponent(b -> b.inferenceComponentName("a").endpointName("ep")
                .specification(s -> s.baseInferenceComponentName("llm").container(c -> c.artifactUrl(ADAPTER_URL)))
                .runtimeConfig(r -> r.copyCount(1))))
                .hasMessageStartingWith("RuntimeConfig must not be specified for an adapter");
        assertThatThrownBy(() -> sm.createInferenceComponent(b -> b.inferenceComponentName("a").endpointName("ep")
                .specification(s -> s.baseInferenceComponentName("llm"))))
                .hasMessageContaining("'specification.container.artifactUrl'");
        assertThatThrownBy(() -> adapter("a", "ghost", ADAPTER_URL))
                .hasMessageStartingWith("Could not find base inference component");
        adapter("a", "llm", ADAPTER_URL);
        fake.clock().advance(fake.timings().modelDownload());
        assertThatThrownBy(() -> adapter("b", "a", ADAPTER_URL)).hasMessageContaining(
                "is an adapter inference component and cannot be the base of another");
    }

    @Test
    @DisplayName("an invocation of the adapter runs on the base's copies and counts under the adapter's name")
    void anInvocationOfTheAdapterRunsOnTheBaseCopies() {
        base();
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);
        adapter("support", "llm", ADAPTER_URL);
        assertThatThrownBy(() -> invoke("support")).isInstanceOf(ModelNotReadyException.class);
        fake.clock().advance(fake.timings().modelDownload());
        Instant minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        fake.clock().advance(Duration.between(fake.clock().now(), minute));

        assertThat(invoke("support")).isNotEmpty();
        invoke("support");
        invoke("llm");
        fake.clock().advance(Duration.ofMinutes(2));
        assertThat(invocations(minute, "support")).isEqualTo(2.0);
        assertThat(invocations(minute, "llm")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a base with adapters cannot be deleted; once they are gone it can")
    void aBaseWithAdaptersCannotBeDeleted() {
        base();
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);
        adapter("support", "llm", ADAPTER_URL);
        adapter("billing", "llm", "s3://my-bucket/adapters/billing.tar.gz");
        fake.clock().advance(fake.timings().modelDownload());
        assertThatThrownBy(() -> sm.deleteInferenceComponent(b -> b.inferenceComponentName("llm")))
                .hasMessageStartingWith("Cannot delete inference component"
                        + " \"arn:aws:sagemaker:us-east-1:123456789012:inference-component/llm\" because it is a base"
                        + " inference component for one or more associated adapter inference components: billing,"
                        + " support.");
        sm.deleteInferenceComponent(b -> b.inferenceComponentName("support"));
        sm.deleteInferenceComponent(b -> b.inferenceComponentName("billing"));
        assertThat(fake.clock().advanceUntil(() -> Fixtures.gone(fake, () -> Fixtures.component(fake, "billing"))
                && Fixtures.gone(fake, () -> Fixtures.component(fake, "support")), Duration.ofHours(1))).isTrue();
        sm.deleteInferenceComponent(b -> b.inferenceComponentName("llm"));
        assertThat(fake.clock().advanceUntil(() -> Fixtures.gone(fake, () -> Fixtures.component(fake, "llm")),
                Duration.ofHours(1))).isTrue();
    }

    @Test
    @DisplayName("the container behaviour sees the adapter invoked (its name and the artifact serving) beside the base's container")
    void theBehaviourSeesTheAdapterInvoked() {
        fake.givenContainer(spec -> true, (request, spec) -> ContainerResponse.ok(spec.componentName() + "|" + spec.env("HF_MODEL_ID")
                + "|" + (spec.adapter() == null ? "-" : spec.adapter().name() + "@" + spec.adapter().artifactUrl())));
        base();
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);
        adapter("support", "llm", ADAPTER_URL);
        fake.clock().advance(fake.timings().modelDownload());

        assertThat(invoke("llm")).isEqualTo("llm|m|-");
        assertThat(invoke("support")).isEqualTo("llm|m|support@" + ADAPTER_URL);
        String v2 = "s3://my-bucket/adapters/support-v2.tar.gz";
        sm.updateInferenceComponent(b -> b.inferenceComponentName("support")
                .specification(s -> s.baseInferenceComponentName("llm").container(c -> c.artifactUrl(v2))));
        assertThat(invoke("support")).as("the old artifact serves while the new one loads").isEqualTo("llm|m|support@" + ADAPTER_URL);
        fake.clock().advance(fake.timings().modelDownload());
        assertThat(invoke("support")).isEqualTo("llm|m|support@" + v2);
    }

    @Test
    @DisplayName("an adapter's update loads the new artifact while the old one serves; its base cannot change")
    void anAdaptersUpdateLoadsTheNewArtifact() {
        base();
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);
        adapter("support", "llm", ADAPTER_URL);
        fake.clock().advance(fake.timings().modelDownload());
        String v2 = "s3://my-bucket/adapters/support-v2.tar.gz";
        sm.updateInferenceComponent(b -> b.inferenceComponentName("support")
                .specification(s -> s.baseInferenceComponentName("llm").container(c -> c.artifactUrl(v2))));
        assertThat(Fixtures.component(fake, "support").inferenceComponentStatus())
                .isEqualTo(InferenceComponentStatus.UPDATING);
        assertThat(Fixtures.component(fake, "support").specification().container().artifactUrl()).isEqualTo(ADAPTER_URL);
        assertThat(invoke("support")).isNotEmpty();
        fake.clock().advance(fake.timings().modelDownload());
        assertThat(Fixtures.component(fake, "support").specification().container().artifactUrl()).isEqualTo(v2);
        assertThatThrownBy(() -> sm.updateInferenceComponent(b -> b.inferenceComponentName("support")
                .specification(s -> s.baseInferenceComponentName("other").container(c -> c.artifactUrl(v2)))))
                .hasMessageContaining("cannot be changed");
    }

    @Test
    @DisplayName("a base's update rolls out with its adapters attached: they answer throughout, on old and new copies")
    void aBaseUpdateKeepsItsAdapters() {
        base();
        Fixtures.awaitComponent(fake, "llm", InferenceComponentStatus.IN_SERVICE);
        adapter("support", "llm", ADAPTER_URL);
        fake.clock().advance(fake.timings().modelDownload());

        sm.updateInferenceComponent(b -> b.inferenceComponentName("llm").specification(Fixtures.llm("m2")));
        boolean[] answeredThroughout = {true};
        boolean done = fake.clock().advanceUntil(() -> {
            try {
                invoke("support");
            } catch (RuntimeException e) {
                answeredThroughout[0] = false;
            }
            return Fixtures.component(fake, "llm").inferenceComponentStatus() == InferenceComponentStatus.IN_SERVICE;
        }, Duration.ofHours(2));

        assertThat(done).isTrue();
        assertThat(answeredThroughout[0]).isTrue();
        assertThat(Fixtures.component(fake, "llm").specification().container().environment()).containsEntry("HF_MODEL_ID", "m2");
        DescribeInferenceComponentResponse adapter = Fixtures.component(fake, "support");
        assertThat(adapter.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(adapter.specification().baseInferenceComponentName()).isEqualTo("llm");
        assertThat(invoke("support")).isNotEmpty();
    }

    private String invoke(String component) {
        return fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName(component)
                .contentType("application/json").body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))).body().asUtf8String();
    }

    private Double invocations(Instant minute, String component) {
        var points = fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("Invocations")
                .dimensions(Dimension.builder().name("InferenceComponentName").value(component).build())
                .startTime(minute).endTime(minute.plusSeconds(60)).period(60).statistics(Statistic.SUM)).datapoints();
        return points.isEmpty() ? null : points.get(0).sum();
    }
}
