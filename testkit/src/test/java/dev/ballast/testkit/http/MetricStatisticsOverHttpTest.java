package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

@DisplayName("GetMetricStatistics over HTTP: the Java SDK's awsQuery and the AWS CLI's JSON 1.0")
class MetricStatisticsOverHttpTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private CloudWatchClient cloudWatch;
    private Instant minute;

    @BeforeEach
    void endpointInvokedThreeTimes() {
        fake = FakeSageMaker.create();
        fake.sageMakerClient().createModel(b -> b.modelName("m").executionRoleArn(
                "arn:aws:iam::123456789012:role/SageMakerExecutionRole").primaryContainer(ContainerDefinition.builder()
                .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1").build()));
        fake.givenContainerFor("m", ContainerBehavior.always(ContainerResponse.ok("{}").withLatency(Duration.ofMillis(8))));
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(v -> v
                .variantName("AllTraffic").modelName("m").instanceType("ml.m5.xlarge").initialInstanceCount(1)));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advanceUntil(() -> fake.sageMakerClient().describeEndpoint(b -> b.endpointName("ep"))
                .endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofHours(1));
        minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        fake.clock().advance(Duration.between(fake.clock().now(), minute));
        for (int i = 0; i < 3; i++) {
            fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").body(SdkBytes.fromUtf8String("{}")));
        }
        server = FakeServer.builder(fake).build().start();
        cloudWatch = SdkClients.cloudWatch(server);
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        server.close();
        fake.close();
    }

    @Test
    @DisplayName("the Java SDK reads datapoints, statistics, percentiles and units back")
    void javaSdk() {
        List<Datapoint> points = cloudWatch.getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("ModelLatency").startTime(minute.minusSeconds(60)).endTime(minute.plusSeconds(60))
                .period(60).statistics(Statistic.SAMPLE_COUNT, Statistic.AVERAGE)
                .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic")))
                .datapoints();
        assertThat(points).containsExactly(Datapoint.builder().timestamp(minute).sampleCount(3.0).average(8000.0)
                .unit(StandardUnit.MICROSECONDS).build());

        assertThat(cloudWatch.getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName("ModelLatency")
                .startTime(minute).endTime(minute.plusSeconds(60)).period(60).extendedStatistics("p90")
                .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic")))
                .datapoints().get(0).extendedStatistics()).containsEntry("p90", 8000.0);

        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("ModelLatency").startTime(minute).endTime(minute.plusSeconds(60)).period(60)))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("Must specify either Statistics or ExtendedStatistics, but not both.");
    }

    @Test
    @DisplayName("the AWS CLI (botocore's JSON 1.0 for CloudWatch) reads the same datapoints")
    void awsCli() throws Exception {
        String missing = ExternalClients.unavailable("aws", "--version");
        Assumptions.assumeTrue(missing == null, "the AWS CLI is not installed: " + missing);
        ExternalClients.Result result = ExternalClients.run(List.of("aws", "cloudwatch", "get-metric-statistics",
                "--namespace", "AWS/SageMaker", "--metric-name", "Invocations", "--statistics", "Sum",
                "--dimensions", "Name=EndpointName,Value=ep", "Name=VariantName,Value=AllTraffic",
                "--start-time", minute.toString(), "--end-time", minute.plusSeconds(60).toString(), "--period", "60",
                "--endpoint-url", server.uri().toString(), "--region", "us-east-1", "--output", "json"), 120);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertThat(json.get("Label").asText()).isEqualTo("Invocations");
        assertThat(json.get("Datapoints")).hasSize(1);
        assertThat(json.get("Datapoints").get(0).get("Sum").asDouble()).isEqualTo(3.0);
        assertThat(json.get("Datapoints").get(0).get("Unit").asText()).isEqualTo("None");
    }
}
