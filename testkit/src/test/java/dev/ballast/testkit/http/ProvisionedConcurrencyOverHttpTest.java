package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * Auto scaling of a serverless variant's provisioned concurrency over the wire, through the Java SDK
 * against {@link FakeServer}.
 */
class ProvisionedConcurrencyOverHttpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String ID = "endpoint/ep/variant/AllTraffic";
    private static final String DIM = "sagemaker:variant:DesiredProvisionedConcurrency";

    private FakeOverHttp http;
    private FakeSageMaker fake;
    private SageMakerClient sageMaker;
    private ApplicationAutoScalingClient autoScaling;

    @BeforeEach
    void start() {
        http = FakeOverHttp.start(FakeSageMaker.create().givenContainer(c -> true,
                ContainerBehavior.always(ContainerResponse.ok("{}").withLatency(Duration.ofSeconds(4)))));
        fake = http.fake;
        sageMaker = http.sageMaker();
        autoScaling = http.autoScaling();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    @DisplayName("registered and tracked over HTTP, the provisioned concurrency DescribeEndpoint shows follows the load")
    void provisionedConcurrencyOverHttp() {
        sageMaker.createModel(b -> b.modelName("m").executionRoleArn(ROLE).primaryContainer(c -> c
                .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")));
        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(v -> v.variantName("AllTraffic")
                .modelName("m").serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(10).provisionedConcurrency(2))));
        sageMaker.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep"))
                .endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofHours(1))).isTrue();

        assertThatThrownBy(() -> autoScaling.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(ID)
                .scalableDimension(DIM).minCapacity(0).maxCapacity(6))).isInstanceOf(ValidationException.class);
        autoScaling.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(ID).scalableDimension(DIM)
                .minCapacity(1).maxCapacity(6));
        autoScaling.putScalingPolicy(b -> b.policyName("pc").serviceNamespace("sagemaker").resourceId(ID)
                .scalableDimension(DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(0.5).scaleOutCooldown(60)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("SageMakerVariantProvisionedConcurrencyUtilization"))));
        ScalingPolicy read = autoScaling.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(ID))
                .scalingPolicies().get(0);
        assertThat(read.scalableDimensionAsString()).isEqualTo(DIM);
        assertThat(read.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().predefinedMetricTypeAsString())
                .isEqualTo("SageMakerVariantProvisionedConcurrencyUtilization");

        Traffic traffic = fake.traffic().toEndpoint("ep").every(Duration.ofSeconds(1)).start();
        fake.clock().advance(Duration.ofMinutes(10));
        traffic.stop();
        var variant = sageMaker.describeEndpoint(b -> b.endpointName("ep")).productionVariants().get(0);
        assertThat(variant.currentServerlessConfig().provisionedConcurrency()).isEqualTo(6);
        assertThat(variant.desiredServerlessConfig().provisionedConcurrency()).isEqualTo(6);
    }
}
