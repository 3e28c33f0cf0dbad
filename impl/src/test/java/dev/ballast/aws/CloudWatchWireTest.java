package dev.ballast.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

import dev.ballast.transport.internal.SdkErrors;
import dev.ballast.engine.Planner;
import dev.ballast.error.TransportException;
import dev.ballast.plan.ApiCall;

/**
 * CloudWatch as the Java SDK 2.40 speaks it: awsQuery, a form-encoded {@code POST /} with
 * {@code Action} and {@code Version}, answered in XML, with XML error bodies.
 */
class CloudWatchWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static void answer(String action, int status, String xml) {
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(xml)));
    }

    private static String ok(String action) {
        return "<" + action + "Response xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ResponseMetadata>"
                + "<RequestId>rid-" + action + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    /** @return the single form request sent, its parameters decoded in order */
    private static Map<String, String> sentForm() {
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : sent.get(0).getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    @DisplayName("the plan's PutMetricAlarm is a form body with Action, Version, the alarm name and the component dimension")
    void putMetricAlarm() {
        ApiCall call = DemoSpec.call(Planner.create(DemoSpec.spec("hf_x")), "PutMetricAlarm");
        answer("PutMetricAlarm", 200, ok("PutMetricAlarm"));

        PutMetricAlarmResponse response = (PutMetricAlarmResponse) WireClients.transport(wm.baseUrl()).execute(call.request());

        assertThat(sentForm())
                .containsEntry("Action", "PutMetricAlarm")
                .containsEntry("Version", "2010-08-01")
                .containsEntry("AlarmName", DemoSpec.ALARM)
                .containsEntry("MetricName", "Invocation4XXErrors")
                .containsEntry("Namespace", "AWS/SageMaker")
                .containsEntry("Dimensions.member.1.Name", "InferenceComponentName")
                .containsEntry("Dimensions.member.1.Value", DemoSpec.COMPONENT)
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Period", "300");
        assertThat(response.responseMetadata().requestId()).isEqualTo("rid-PutMetricAlarm");
    }

    @Test
    @DisplayName("DescribeAlarms' XML answer is parsed into the alarm's state, reason, time and dimensions")
    void describeAlarms() {
        answer("DescribeAlarms", 200, WireClients.fixture("cloudwatch/describe-alarms.xml"));

        DescribeAlarmsResponse response = (DescribeAlarmsResponse) WireClients.transport(wm.baseUrl())
                .execute(DescribeAlarmsRequest.builder().alarmNames(DemoSpec.ALARM).build());

        assertThat(sentForm()).containsEntry("Action", "DescribeAlarms").containsEntry("AlarmNames.member.1", DemoSpec.ALARM);
        MetricAlarm alarm = response.metricAlarms().get(0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).startsWith("Threshold Crossed");
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(Instant.parse("2026-11-23T12:05:00.250Z"));
        assertThat(alarm.threshold()).isEqualTo(5.0);
        assertThat(alarm.dimensions().get(0).value()).isEqualTo(DemoSpec.COMPONENT);
        assertThat(response.responseMetadata().requestId()).isEqualTo("rid-cw-describe");
    }

    @Test
    @DisplayName("an XML ResourceNotFound error keeps its code, message and request id, and counts as not found")
    void resourceNotFound() {
        answer("DeleteAlarms", 404, "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                + "<Code>ResourceNotFound</Code><Message>Alarm demo-llm-4xx does not exist</Message></Error>"
                + "<RequestId>rid-cw-404</RequestId></ErrorResponse>");
        DeleteAlarmsRequest request = DeleteAlarmsRequest.builder().alarmNames(DemoSpec.ALARM, "other").build();

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl()).execute(request));

        assertThat(SdkErrors.isNotFound(thrown)).isTrue();
        TransportException e = SdkErrors.translate(request, thrown);
        assertThat(e.service()).isEqualTo("CloudWatch");
        assertThat(e.resource()).as("every alarm the call names").isEqualTo("alarm/" + DemoSpec.ALARM + ", alarm/other");
        assertThat(e.errorCode()).isEqualTo("ResourceNotFound");
        assertThat(e.requestId()).contains("rid-cw-404");
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("Alarm demo-llm-4xx does not exist");
    }

    @Test
    @DisplayName("SetAlarmState sends the alarm name, the state and the reason as form parameters")
    void setAlarmState() {
        answer("SetAlarmState", 200, ok("SetAlarmState"));

        WireClients.transport(wm.baseUrl()).execute(SetAlarmStateRequest.builder().alarmName(DemoSpec.ALARM)
                .stateValue(StateValue.ALARM).stateReason("testing the rollback").build());

        assertThat(sentForm()).containsEntry("Action", "SetAlarmState").containsEntry("AlarmName", DemoSpec.ALARM)
                .containsEntry("StateValue", "ALARM").containsEntry("StateReason", "testing the rollback");
    }

    @Test
    @DisplayName("GetMetricStatistics (a traffic shift's metric check) is routed, and its XML datapoints are parsed")
    void getMetricStatistics() {
        answer("GetMetricStatistics", 200, "<GetMetricStatisticsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<GetMetricStatisticsResult><Label>Invocation5XXErrors</Label><Datapoints><member>"
                + "<Timestamp>2026-11-23T12:05:00Z</Timestamp><Sum>3.0</Sum><Unit>Count</Unit></member></Datapoints>"
                + "</GetMetricStatisticsResult><ResponseMetadata><RequestId>rid-stats</RequestId></ResponseMetadata>"
                + "</GetMetricStatisticsResponse>");

        software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse response =
                (software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse) WireClients.transport(wm.baseUrl())
                        .execute(software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest.builder()
                                .namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
                                .dimensions(software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name("EndpointName").value("my-model-endpoint").build(),
                                        software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name("VariantName").value("v2").build())
                                .startTime(Instant.parse("2026-11-23T12:04:00Z")).endTime(Instant.parse("2026-11-23T12:06:00Z"))
                                .period(60).statisticsWithStrings("Sum").build());

        assertThat(sentForm()).containsEntry("Action", "GetMetricStatistics").containsEntry("MetricName", "Invocation5XXErrors")
                .containsEntry("Dimensions.member.2.Value", "v2").containsEntry("Statistics.member.1", "Sum").containsEntry("Period", "60");
        assertThat(response.datapoints()).singleElement().satisfies(d -> assertThat(d.sum()).isEqualTo(3.0));
    }
}
