package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

@DisplayName("Adapter inference components over HTTP, through the real Java SDK clients (JSON 1.1)")
class AdapterOverHttpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    private FakeOverHttp http;
    private FakeSageMaker fake;
    private SageMakerClient sageMaker;
    private SageMakerRuntimeClient runtime;

    @BeforeEach
    void start() {
        http = FakeOverHttp.start();
        fake = http.fake;
        sageMaker = http.sageMaker();
        runtime = http.runtime();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private boolean componentIs(String name, InferenceComponentStatus status) {
        return fake.clock().advanceUntil(() -> sageMaker.describeInferenceComponent(b -> b.inferenceComponentName(name))
                .inferenceComponentStatus() == status, Duration.ofHours(1));
    }

    @Test
    @DisplayName("an adapter is created without RuntimeConfig, described with its base and artifact, invoked, and protects its base")
    void adapterLifecycle() {
        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1)
                                .maxInstanceCount(2))));
        sageMaker.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep"))
                .endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofHours(1))).isTrue();
        sageMaker.createInferenceComponent(b -> b.inferenceComponentName("llm").endpointName("ep").variantName("AllTraffic")
                .specification(s -> s.container(c -> c.image(IMAGE).environment(Map.of("HF_MODEL_ID", "m")))
                        .computeResourceRequirements(r -> r.numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024)))
                .runtimeConfig(r -> r.copyCount(1)));
        assertThat(componentIs("llm", InferenceComponentStatus.IN_SERVICE)).isTrue();

        sageMaker.createInferenceComponent(b -> b.inferenceComponentName("support").endpointName("ep")
                .specification(s -> s.baseInferenceComponentName("llm")
                        .container(c -> c.artifactUrl("s3://my-bucket/adapters/support.tar.gz"))));
        assertThat(componentIs("support", InferenceComponentStatus.IN_SERVICE)).isTrue();

        DescribeInferenceComponentResponse d = sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("support"));
        assertThat(d.specification().baseInferenceComponentName()).isEqualTo("llm");
        assertThat(d.specification().container().artifactUrl()).isEqualTo("s3://my-bucket/adapters/support.tar.gz");
        assertThat(d.specification().computeResourceRequirements()).isNull();
        assertThat(runtime.invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("support")
                .contentType("application/json").body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))).body().asUtf8String())
                .isNotBlank();

        assertThatThrownBy(() -> sageMaker.deleteInferenceComponent(b -> b.inferenceComponentName("llm")))
                .isInstanceOf(SageMakerException.class)
                .satisfies(e -> assertThat(((SageMakerException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("is a base inference component for one or more associated adapter inference components: support");
        sageMaker.deleteInferenceComponent(b -> b.inferenceComponentName("support"));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.listInferenceComponents(b -> b.endpointNameEquals("ep"))
                .inferenceComponents().size() == 1, Duration.ofHours(1))).isTrue();
        sageMaker.deleteInferenceComponent(b -> b.inferenceComponentName("llm"));
    }
}
