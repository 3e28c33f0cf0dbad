package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.testkit.FakeSageMaker;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;

@DisplayName("boto3 and the AWS CLI against the fake served in this JVM")
class Boto3AndCliTest {

    private FakeSageMaker fake;
    private FakeServer server;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    @Test
    @DisplayName("a boto3 script deploys an endpoint and a component on a 600x clock, invokes it, sets an alarm, tags the endpoint, lists the configs and describes everything")
    void boto3Script() throws Exception {
        String missing = ExternalClients.unavailable("python3", "-c", "import boto3");
        Assumptions.assumeTrue(missing == null, "boto3 is not installed: " + missing);
        server = FakeServer.builder(fake).timeScale(600).build().start();

        ExternalClients.Result result = ExternalClients.run(List.of("python3", script().toString(),
                server.uri().toString()), 180);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "endpoint=InService",
                "component=InService",
                "invoked_variant=AllTraffic",
                "invoke_body_is_json=True",
                "alarm=ep-4xx threshold=5.0 dimension=InferenceComponentName:ic",
                "scalable_targets=inference-component/ic",
                "accelerators=1.0",
                "created_before_modified=True",
                "endpoints=ep",
                "components=ic",
                "added_tags=team:ml-platform,lease:writer-1",
                "tags=lease:writer-1",
                "paginated_tags=1",
                "reserved_tag=ValidationException: System prefix 'aws:' reserved for AWS usage in tag key: aws:owner",
                "unknown_arn=ValidationException: Resource does not exist.",
                "endpoint_configs=cfg,cfg-2",
                "endpoint_configs_dated=True",
                "endpoint_configs_containing_2=cfg-2",
                "error_code=ValidationException",
                "error_message=Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/missing\".",
                "error_status=400");
        assertThat(fake.clock().now()).isAfter(Instant.parse("2026-01-01T00:09:00Z"));
    }

    @Test
    @DisplayName("the AWS CLI describes an endpoint, its tags, the configs and the alarms a test arranged in-process")
    void awsCli() throws Exception {
        String missing = ExternalClients.unavailable("aws", "--version");
        Assumptions.assumeTrue(missing == null, "the AWS CLI is not installed: " + missing);
        SageMakerClient sm = fake.sageMakerClient();
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .executionRoleArn("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1)
                                .maxInstanceCount(2))));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg")
                .tags(t -> t.key("team").value("ml")));
        fake.clock().advanceUntil(() -> sm.describeEndpoint(b -> b.endpointName("ep")).endpointStatus()
                == EndpointStatus.IN_SERVICE, Duration.ofHours(1));
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("ep-4xx").namespace("AWS/SageMaker")
                .metricName("Invocation4XXErrors").statistic("Sum").period(300).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator("GreaterThanThreshold").dimensions(d -> d.name("EndpointName").value("ep")));
        server = FakeServer.builder(fake).build().start();

        JsonNode endpoint = cli("sagemaker", "describe-endpoint", "--endpoint-name", "ep");
        JsonNode alarms = cli("cloudwatch", "describe-alarms", "--alarm-names", "ep-4xx");
        JsonNode tags = cli("sagemaker", "list-tags", "--resource-arn", endpoint.get("EndpointArn").asText());
        JsonNode configs = cli("sagemaker", "list-endpoint-configs");

        assertThat(endpoint.get("EndpointStatus").asText()).isEqualTo("InService");
        assertThat(endpoint.get("EndpointConfigName").asText()).isEqualTo("cfg");
        assertThat(endpoint.get("ProductionVariants").get(0).get("VariantName").asText()).isEqualTo("AllTraffic");
        JsonNode alarm = alarms.get("MetricAlarms").get(0);
        assertThat(alarm.get("AlarmName").asText()).isEqualTo("ep-4xx");
        assertThat(alarm.get("Threshold").asDouble()).isEqualTo(5.0);
        assertThat(alarm.get("Dimensions").get(0).get("Value").asText()).isEqualTo("ep");
        assertThat(tags.get("Tags").get(0).get("Key").asText() + "=" + tags.get("Tags").get(0).get("Value").asText())
                .isEqualTo("team=ml");
        assertThat(configs.get("EndpointConfigs").get(0).get("EndpointConfigName").asText()).isEqualTo("cfg");
    }

    @Test
    @DisplayName("the AWS CLI reports the fake's error code and message for an unknown endpoint")
    void awsCliError() throws Exception {
        String missing = ExternalClients.unavailable("aws", "--version");
        Assumptions.assumeTrue(missing == null, "the AWS CLI is not installed: " + missing);
        server = FakeServer.builder(fake).build().start();

        ExternalClients.Result result = ExternalClients.run(List.of("aws", "sagemaker", "describe-endpoint",
                "--endpoint-name", "nope", "--endpoint-url", server.uri().toString(), "--region", "us-east-1"), 120);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(ValidationException)")
                .contains("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope\".");
    }

    private JsonNode cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.uri().toString(), "--region", "us-east-1", "--output", "json"));
        ExternalClients.Result result = ExternalClients.run(command, 120);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return new ObjectMapper().readTree(result.stdout());
    }

    private static Path script() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(Boto3AndCliTest.class.getResource("/http/deploy_with_boto3.py"),
                "deploy_with_boto3.py on the test classpath").toURI());
    }
}
