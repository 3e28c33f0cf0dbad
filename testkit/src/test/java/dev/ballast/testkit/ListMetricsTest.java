package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** CloudWatch ListMetrics over the metrics that have data: published ones and those invocations emit. */
class ListMetricsTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CloudWatchClient cw = fake.cloudWatchClient();

    private void put(String namespace, String name, Dimension... dimensions) {
        cw.putMetricData(b -> b.namespace(namespace).metricData(d -> d.metricName(name).dimensions(dimensions).value(1.0)));
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private static String show(Metric m) {
        StringBuilder s = new StringBuilder(m.namespace() + "/" + m.metricName());
        m.dimensions().forEach(d -> s.append(' ').append(d.name()).append('=').append(d.value()));
        return s.toString();
    }

    @Test
    @DisplayName("lists each metric once, filtered by namespace name and dimensions")
    void listsEachMetricOnceFilteredByNamespaceNameAndDimensions() {
        put("Shop", "Orders");
        put("Shop", "Orders");
        put("Shop", "Latency", dim("Service", "cart"), dim("Host", "a"));
        put("Shop", "Latency", dim("Service", "checkout"));
        put("Other", "Orders", dim("Service", "cart"));

        assertThat(cw.listMetrics(b -> b.namespace("Shop")).metrics()).extracting(ListMetricsTest::show)
                .containsExactly("Shop/Latency Host=a Service=cart", "Shop/Latency Service=checkout", "Shop/Orders");
        assertThat(cw.listMetrics(b -> b.metricName("Orders")).metrics()).extracting(ListMetricsTest::show)
                .containsExactly("Other/Orders Service=cart", "Shop/Orders");
        assertThat(cw.listMetrics(b -> b.dimensions(f -> f.name("Service"))).metrics()).extracting(ListMetricsTest::show)
                .containsExactly("Other/Orders Service=cart", "Shop/Latency Host=a Service=cart",
                        "Shop/Latency Service=checkout");
        assertThat(cw.listMetrics(b -> b.namespace("Shop").dimensions(f -> f.name("Service").value("cart"))).metrics())
                .extracting(ListMetricsTest::show).containsExactly("Shop/Latency Host=a Service=cart");
        assertThat(cw.listMetrics(b -> b.dimensions(f -> f.name("Service").value("cart"), f -> f.name("Host")))
                .metrics()).extracting(ListMetricsTest::show).containsExactly("Shop/Latency Host=a Service=cart");
        assertThat(cw.listMetrics(b -> b.namespace("Nope")).metrics()).isEmpty();
    }

    @Test
    @DisplayName("recentlyActive: and the two week horizon, count from the last publication")
    void recentlyActiveAndTheTwoWeekHorizonCountFromTheLastPublication() {
        put("Shop", "Old");
        fake.clock().advance(Duration.ofHours(4));
        put("Shop", "New");

        assertThat(cw.listMetrics(b -> b.recentlyActive(RecentlyActive.PT3_H)).metrics()).extracting(Metric::metricName)
                .containsExactly("New");
        assertThat(cw.listMetrics(b -> { }).metrics()).extracting(Metric::metricName).containsExactly("New", "Old");
        fake.clock().advance(Duration.ofDays(14).minusHours(3));
        assertThat(cw.listMetrics(b -> { }).metrics()).extracting(Metric::metricName).containsExactly("New");
    }

    @Test
    @DisplayName("pagesOf500: with tokens only list metrics hands out")
    void pagesOf500WithTokensOnlyListMetricsHandsOut() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            data.add(MetricDatum.builder().metricName(String.format("m%03d", i)).value(1.0).build());
        }
        cw.putMetricData(b -> b.namespace("Shop").metricData(data));

        ListMetricsResponse first = cw.listMetrics(b -> b.namespace("Shop"));
        ListMetricsResponse second = cw.listMetrics(b -> b.namespace("Shop").nextToken(first.nextToken()));

        assertThat(first.metrics()).hasSize(500);
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.metrics()).extracting(Metric::metricName).containsExactly("m500");
        assertThat(second.nextToken()).isNull();
        assertThat(cw.listMetricsPaginator(b -> b.namespace("Shop")).metrics()).hasSize(501);

        assertThatThrownBy(() -> cw.listMetrics(b -> b.nextToken("1")))
                .isInstanceOfSatisfying(InvalidNextTokenException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
        cw.putMetricAlarm(a -> a.alarmName("a").namespace("Shop").metricName("m000").statistic("Sum").period(60)
                .evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        cw.putMetricAlarm(a -> a.alarmName("b").namespace("Shop").metricName("m000").statistic("Sum").period(60)
                .evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        String alarmsToken = cw.describeAlarms(b -> b.maxRecords(1)).nextToken();
        assertThatThrownBy(() -> cw.listMetrics(b -> b.nextToken(alarmsToken)))
                .as("a DescribeAlarms token is foreign to ListMetrics").isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    @DisplayName("linkedAccounts: are this worlds own account")
    void linkedAccountsAreThisWorldsOwnAccount() {
        put("Shop", "Orders");
        ListMetricsResponse linked = cw.listMetrics(b -> b.includeLinkedAccounts(true));
        assertThat(linked.owningAccounts()).containsExactly("123456789012");
        assertThat(cw.listMetrics(b -> { }).hasOwningAccounts()).isFalse();
        assertThat(cw.listMetrics(b -> b.includeLinkedAccounts(true).owningAccount("210987654321")).metrics()).isEmpty();
    }

    @Test
    @DisplayName("invocationMetrics: are listed too")
    void invocationMetricsAreListedToo() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 1);
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        Fixtures.invoke(fake, "ep", 1);

        assertThat(cw.listMetrics(b -> b.namespace("AWS/SageMaker").metricName("Invocations")
                .dimensions(f -> f.name("EndpointName").value("ep"))).metrics()).extracting(ListMetricsTest::show)
                .containsExactly("AWS/SageMaker/Invocations EndpointName=ep VariantName=AllTraffic");
    }
}
