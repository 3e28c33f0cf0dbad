package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

@DisplayName("The fake over HTTP, through the real Java SDK clients")
class FakeServerSdkTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    private FakeOverHttp http;
    private FakeSageMaker fake;
    private SageMakerClient sageMaker;
    private SageMakerRuntimeClient runtime;
    private CloudWatchClient cloudWatch;
    private ApplicationAutoScalingClient autoScaling;

    @BeforeEach
    void start() {
        http = FakeOverHttp.start();
        fake = http.fake;
        sageMaker = http.sageMaker();
        runtime = http.runtime();
        cloudWatch = http.cloudWatch();
        autoScaling = http.autoScaling();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private void deployEndpointAndComponent() {
        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1)
                                .maxInstanceCount(2))));
        sageMaker.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep"))
                .endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofHours(1))).isTrue();
        sageMaker.createInferenceComponent(b -> b.inferenceComponentName("ic").endpointName("ep")
                .variantName("AllTraffic")
                .specification(s -> s.container(c -> c.image(IMAGE).environment(Map.of("HF_MODEL_ID", "m",
                                "MESSAGES_API_ENABLED", "true")))
                        .computeResourceRequirements(r -> r.numberOfAcceleratorDevicesRequired(1f)
                                .minMemoryRequiredInMb(1024)))
                .runtimeConfig(r -> r.copyCount(1)));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeInferenceComponent(b -> b
                .inferenceComponentName("ic")).inferenceComponentStatus() == InferenceComponentStatus.IN_SERVICE,
                Duration.ofHours(1))).isTrue();
    }

    @Test
    @DisplayName("the notebook runs end to end: config, endpoint, component, invocation, alarm, scaling target, descriptions")
    void notebookEndToEnd() {
        deployEndpointAndComponent();

        InvokeEndpointResponse answer = runtime.invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                .contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body().asUtf8String()).isNotBlank();
        assertThat(answer.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(answer.responseMetadata().requestId()).isNotBlank();

        cloudWatch.putMetricAlarm(b -> b.alarmName("ep-4xx").namespace("AWS/SageMaker")
                .metricName("Invocation4XXErrors").statistic("Sum").period(300).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator("GreaterThanThreshold").alarmActions("arn:aws:sns:us-east-1:123456789012:t")
                .dimensions(d -> d.name("InferenceComponentName").value("ic")));
        MetricAlarm alarm = cloudWatch.describeAlarms(b -> b.alarmNames("ep-4xx")).metricAlarms().get(0);
        assertThat(alarm.alarmName()).isEqualTo("ep-4xx");
        assertThat(alarm.threshold()).isEqualTo(5.0);
        assertThat(alarm.period()).isEqualTo(300);
        assertThat(alarm.dimensions()).singleElement()
                .satisfies(d -> assertThat(d.name() + "=" + d.value()).isEqualTo("InferenceComponentName=ic"));
        assertThat(alarm.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:t");
        assertThat(alarm.stateValueAsString()).isNotBlank();
        assertThat(alarm.stateUpdatedTimestamp()).isNotNull();

        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId("inference-component/ic")
                .scalableDimension(ScalableDimension.SAGEMAKER_INFERENCE_COMPONENT_DESIRED_COPY_COUNT)
                .minCapacity(1).maxCapacity(2));
        assertThat(autoScaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER))
                .scalableTargets()).singleElement().satisfies(t -> assertThat(t.maxCapacity()).isEqualTo(2));

        DescribeEndpointConfigResponse config = sageMaker.describeEndpointConfig(b -> b.endpointConfigName("cfg"));
        assertThat(config.productionVariants().get(0).managedInstanceScaling().maxInstanceCount()).isEqualTo(2);
        assertThat(config.creationTime()).isEqualTo(fake.sageMakerClient().describeEndpointConfig(b -> b
                .endpointConfigName("cfg")).creationTime());
        DescribeInferenceComponentResponse component = sageMaker.describeInferenceComponent(b -> b
                .inferenceComponentName("ic"));
        // every member survives the round trip over the wire (equals would also compare the HTTP metadata)
        assertThat(component).hasToString(fake.sageMakerClient().describeInferenceComponent(b -> b
                .inferenceComponentName("ic")).toString());
        assertThat(component.specification().computeResourceRequirements().numberOfAcceleratorDevicesRequired())
                .isEqualTo(1f);
        assertThat(sageMaker.listEndpoints().endpoints()).singleElement()
                .satisfies(e -> assertThat(e.endpointName()).isEqualTo("ep"));
    }

    @Test
    @DisplayName("AddTags, ListTags and DeleteTags over the wire: create tags, overwrite, delete, the same store as in process")
    void tags() {
        String arn = sageMaker.createEndpointConfig(b -> b.endpointConfigName("Cfg").executionRoleArn(ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1))
                .tags(Tag.builder().key("team").value("ml").build(), Tag.builder().key("lease").value("a").build()))
                .endpointConfigArn();
        assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/cfg");

        AddTagsResponse added = sageMaker.addTags(b -> b.resourceArn(arn)
                .tags(Tag.builder().key("lease").value("b").build(), Tag.builder().key("empty").value("").build()));
        assertThat(added.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=ml", "lease=b", "empty=");
        sageMaker.deleteTags(b -> b.resourceArn(arn).tagKeys("team", "unknown"));

        ListTagsResponse listed = sageMaker.listTags(b -> b.resourceArn(arn).maxResults(50));
        assertThat(listed.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("lease=b", "empty=");
        assertThat(listed.nextToken()).isNull();
        assertThat(fake.sageMakerClient().listTags(b -> b.resourceArn(arn)).tags()).isEqualTo(listed.tags());

        assertThatThrownBy(() -> sageMaker.listTags(b -> b.resourceArn(arn.replace("/cfg", "/Cfg"))))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Resource does not exist.");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> sageMaker.addTags(b -> b.resourceArn(arn)
                .tags(Tag.builder().key("aws:owner").value("x").build())))
                .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("System prefix 'aws:' reserved for AWS usage in tag key: aws:owner"));
    }

    @Test
    @DisplayName("ListEndpointConfigs over the wire: summaries with timestamps, filters, sorting and paging")
    void listEndpointConfigs() {
        for (String name : new String[] {"cfg-b", "cfg-a", "other"}) {
            sageMaker.createEndpointConfig(b -> b.endpointConfigName(name).executionRoleArn(ROLE)
                    .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                            .initialInstanceCount(1)));
            fake.clock().advance(Duration.ofMinutes(1));
        }

        ListEndpointConfigsResponse first = sageMaker.listEndpointConfigs(b -> b.nameContains("cfg").sortBy("Name")
                .sortOrder("Ascending").maxResults(1));
        ListEndpointConfigsResponse second = sageMaker.listEndpointConfigs(b -> b.nameContains("cfg").sortBy("Name")
                .sortOrder("Ascending").maxResults(1).nextToken(first.nextToken()));

        assertThat(first.endpointConfigs()).extracting(EndpointConfigSummary::endpointConfigName).containsExactly("cfg-a");
        assertThat(second.endpointConfigs()).extracting(EndpointConfigSummary::endpointConfigName).containsExactly("cfg-b");
        assertThat(second.nextToken()).isNull();
        assertThat(sageMaker.listEndpointConfigs(b -> { }).endpointConfigs())
                .extracting(EndpointConfigSummary::endpointConfigName).containsExactly("other", "cfg-a", "cfg-b");
        assertThat(sageMaker.listEndpointConfigs(b -> { }).endpointConfigs())
                .isEqualTo(fake.sageMakerClient().listEndpointConfigs(b -> { }).endpointConfigs());
    }

    @Test
    @DisplayName("SageMaker errors arrive as SageMakerException with the service's code, message, status and request id")
    void sageMakerErrors() {
        assertThatThrownBy(() -> sageMaker.describeEndpoint(b -> b.endpointName("missing")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/missing\".");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    @DisplayName("the runtime's errors keep their types: ValidationError for an unknown endpoint, ModelError with the original status")
    void runtimeErrors() {
        assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("nope").contentType("application/json")
                .body(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(ValidationErrorException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Endpoint nope of account 123456789012 not found.");
                    assertThat(e.statusCode()).isEqualTo(400);
                });

        fake.givenContainerFor("ic", ContainerBehavior.always(ContainerResponse.error(400, "bad input")));
        deployEndpointAndComponent();
        assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                .contentType("application/json").body(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(ModelErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ModelError");
                    assertThat(e.originalStatusCode()).isEqualTo(400);
                    assertThat(e.originalMessage()).contains("bad input");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Received client error (400) from primary");
                    assertThat(e.logStreamArn()).contains("/aws/sagemaker/Endpoints/ep");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    @DisplayName("CloudWatch over awsQuery and Application Auto Scaling over JSON raise their modeled exceptions")
    void cloudWatchAndAutoScalingErrors() {
        assertThatThrownBy(() -> cloudWatch.setAlarmState(b -> b.alarmName("ghost").stateValue("ALARM")
                .stateReason("test")))
                // on the awsQuery wire the legacy code ResourceNotFound (404) is the one the SDK model binds to
                // DashboardNotFoundErrorException; the code and message are what the fake raised in-process
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Alarm ghost not found");
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> autoScaling.putScalingPolicy(b -> b.policyName("p")
                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId("inference-component/ic")
                .scalableDimension(ScalableDimension.SAGEMAKER_INFERENCE_COMPONENT_DESIRED_COPY_COUNT)
                .policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0).predefinedMetricSpecification(
                        m -> m.predefinedMetricType("SageMakerInferenceComponentInvocationsPerCopy")))))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ObjectNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("No scalable target registered");
                });
    }
}
