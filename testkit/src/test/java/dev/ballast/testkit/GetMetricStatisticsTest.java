package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * CloudWatch
 * <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html">
 * GetMetricStatistics</a> over the metrics invocations emit
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html">SageMaker metrics in
 * CloudWatch</a>).
 */
class GetMetricStatisticsTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CloudWatchClient cw = fake.cloudWatchClient();
    private Instant minute;

    @BeforeEach
    void endpointAnsweringWithRisingLatency_invokedFourTimesThenTwice() {
        AtomicInteger calls = new AtomicInteger();
        Fixtures.model(fake, "model-v1", "v1");
        // latencies 10, 20, 30, 40, 10, 20 ms; the fifth call fails with a 500
        fake.givenContainerFor("model-v1", (request, spec) -> {
            int n = calls.incrementAndGet();
            ContainerResponse answer = n == 5 ? ContainerResponse.error(500, "boom") : ContainerResponse.ok("v1");
            return answer.withLatency(Duration.ofMillis(10L * ((n - 1) % 4 + 1)));
        });
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 1);
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        fake.clock().advance(Duration.between(fake.clock().now(), minute).plusSeconds(10));
        Fixtures.invoke(fake, "ep", 4);
        fake.clock().advance(Duration.ofSeconds(60));
        Fixtures.invoke(fake, "ep", 2);
    }

    private GetMetricStatisticsResponse get(String metric, Consumer<GetMetricStatisticsRequest.Builder> more) {
        return cw.getMetricStatistics(b -> {
            b.namespace("AWS/SageMaker").metricName(metric).startTime(minute).endTime(minute.plusSeconds(180))
                    .period(60).dimensions(d -> d.name("EndpointName").value("ep"),
                            d -> d.name("VariantName").value("AllTraffic"));
            more.accept(b);
        });
    }

    @Test
    @DisplayName("sums and counts per period, of the requested metric and dimensions")
    void sumsAndCountsPerPeriodOfTheRequestedMetricAndDimensions() {
        GetMetricStatisticsResponse invocations = get("Invocations",
                b -> b.statistics(Statistic.SUM, Statistic.SAMPLE_COUNT));
        assertThat(invocations.label()).isEqualTo("Invocations");
        assertThat(invocations.datapoints()).containsExactly(
                Datapoint.builder().timestamp(minute).sum(4.0).sampleCount(4.0).unit(StandardUnit.NONE).build(),
                Datapoint.builder().timestamp(minute.plusSeconds(60)).sum(2.0).sampleCount(2.0)
                        .unit(StandardUnit.NONE).build());

        assertThat(get("Invocation5XXErrors", b -> b.statistics(Statistic.SUM)).datapoints())
                .extracting(Datapoint::sum).containsExactly(0.0, 1.0);
    }

    @Test
    @DisplayName("latencyStatistics: and percentiles, in microseconds")
    void latencyStatisticsAndPercentilesInMicroseconds() {
        List<Datapoint> latency = get("ModelLatency", b -> b.statistics(Statistic.AVERAGE, Statistic.MINIMUM,
                Statistic.MAXIMUM)).datapoints();
        assertThat(latency.get(0).average()).isEqualTo(25_000.0);
        assertThat(latency.get(0).minimum()).isEqualTo(10_000.0);
        assertThat(latency.get(0).maximum()).isEqualTo(40_000.0);
        assertThat(latency.get(0).unit()).isEqualTo(StandardUnit.MICROSECONDS);

        List<Datapoint> percentiles = get("ModelLatency", b -> b.extendedStatistics("p50", "p99")).datapoints();
        assertThat(percentiles.get(0).extendedStatistics()).containsEntry("p50", 20_000.0).containsEntry("p99", 40_000.0);
        assertThat(percentiles.get(0).sum()).isNull();
    }

    @Test
    @DisplayName("otherDimensionSets: other units, and empty windows, give no datapoints")
    void otherDimensionSetsOtherUnitsAndEmptyWindowsGiveNoDatapoints() {
        assertThat(cw.getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName("Invocations")
                .startTime(minute).endTime(minute.plusSeconds(180)).period(60).statistics(Statistic.SUM)
                .dimensions(d -> d.name("EndpointName").value("ep"))).datapoints()).isEmpty();
        assertThat(get("Invocations", b -> b.statistics(Statistic.SUM).unit(StandardUnit.COUNT)).datapoints()).isEmpty();
        assertThat(get("Invocations", b -> b.statistics(Statistic.SUM).startTime(minute.minusSeconds(600))
                .endTime(minute)).datapoints()).isEmpty();
        assertThat(get("Invocations", b -> b.statistics(Statistic.SUM).period(300)).datapoints())
                .as("the start is rounded down to the minute; one five-minute period").singleElement()
                .satisfies(p -> assertThat(p.sum()).isEqualTo(6.0));
    }

    @Test
    @DisplayName("invalidRequests: fail with cloud watchs errors")
    void invalidRequestsFailWithCloudWatchsErrors() {
        assertThatThrownBy(() -> get("Invocations", b -> { }))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("Must specify either Statistics or ExtendedStatistics, but not both.");
        assertThatThrownBy(() -> get("Invocations", b -> b.statistics(Statistic.SUM).extendedStatistics("p90")))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> get("Invocations", b -> b.statistics(Statistic.SUM).period(45)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The parameter Period must be 1, 5, 10, 20, 30, 60, or a multiple of 60.");
        assertThatThrownBy(() -> get("Invocations", b -> b.statistics(Statistic.SUM).endTime(minute)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The parameter StartTime must be less than the parameter EndTime.");
        assertThatThrownBy(() -> get("Invocations", b -> b.statistics(Statistic.SUM).period(1)
                .endTime(minute.plusSeconds(1441))))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("You have requested up to 1,441 datapoints, which exceeds the limit of 1,440.");
        assertThatThrownBy(() -> get("Invocations", b -> b.statistics(Statistic.SUM).namespace(null)))
                .isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageStartingWith("The parameter Namespace is required.");
        assertThatThrownBy(() -> get("ModelLatency", b -> b.extendedStatistics("p101")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    @DisplayName("is served through execute too")
    void isServedThroughExecuteToo() {
        GetMetricStatisticsResponse response = (GetMetricStatisticsResponse) fake.execute(GetMetricStatisticsRequest
                .builder().namespace("AWS/SageMaker").metricName("Invocations").startTime(minute)
                .endTime(minute.plusSeconds(60)).period(60).statistics(Statistic.SUM)
                .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic"))
                .build());
        assertThat(response.datapoints()).extracting(Datapoint::sum).containsExactly(4.0);
    }
}
