package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.internal.PojoJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * CloudWatch over Smithy RPC v2 CBOR, byte for byte: requests built with Jackson's CBOR data format
 * (and, where a width matters, by hand), answers read the same way.
 */
@DisplayName("CloudWatch over Smithy RPC v2 CBOR on the wire")
class CborRpcOverHttpTest {

    private static final CBORMapper CBOR = new CBORMapper();
    private static final String PATH = "/service/GraniteServiceVersion20100801/operation/";

    private FakeSageMaker fake;
    private FakeServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        server = FakeServer.builder(fake).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
        fake.close();
    }

    /** An answer as it came, its body parsed when it is CBOR. */
    private record Answer(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode cbor() throws IOException {
            return CBOR.readTree(bytes);
        }
    }

    private HttpRequest.Builder request(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .header("Accept", "application/cbor").header("Authorization", RawHttp.authorization("monitoring"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private Answer call(String operation, byte[] body) throws IOException, InterruptedException {
        return send(request(PATH + operation, body).build());
    }

    private Answer call(String operation, ObjectNode body) throws IOException, InterruptedException {
        return call(operation, CBOR.writeValueAsBytes(body));
    }

    private static ObjectNode alarm(String name) {
        ObjectNode body = CBOR.createObjectNode().put("AlarmName", name).put("Namespace", "AWS/SageMaker")
                .put("MetricName", "Invocation4XXErrors").put("Statistic", "Sum").put("Period", 60)
                .put("EvaluationPeriods", 1).put("Threshold", 5.0).put("ComparisonOperator", "GreaterThanThreshold");
        body.putArray("Dimensions").addObject().put("Name", "EndpointName").put("Value", "ep");
        return body;
    }

    private List<MetricAlarm> alarms() {
        return fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms();
    }

    /** Checks what every answer of the protocol carries, errors too. */
    private static void assertProtocolHeaders(Answer answer) {
        assertThat(answer.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(answer.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
    }

    private static void assertError(Answer answer, int status, String type, String queryError) throws IOException {
        assertThat(answer.status()).isEqualTo(status);
        assertProtocolHeaders(answer);
        assertThat(answer.header("Content-Type")).isEqualTo("application/cbor");
        assertThat(answer.header("x-amzn-query-error")).isEqualTo(queryError);
        assertThat(answer.cbor().get("__type").asText()).isEqualTo(type);
        assertThat(answer.cbor().get("message").isTextual()).isTrue();
    }

    @Test
    @DisplayName("PutMetricAlarm answers 200 without a body or Content-Type; DescribeAlarms answers a CBOR map, its timestamps in tag 1")
    void putAndDescribe() throws Exception {
        Answer put = call("PutMetricAlarm", alarm("a1"));

        assertThat(put.status()).isEqualTo(200);
        assertProtocolHeaders(put);
        assertThat(put.bytes()).isEmpty();
        assertThat(put.header("Content-Type")).isNull();

        Answer described = call("DescribeAlarms", CBOR.createObjectNode());
        assertThat(described.status()).isEqualTo(200);
        assertProtocolHeaders(described);
        assertThat(described.header("Content-Type")).isEqualTo("application/cbor");
        JsonNode alarm = described.cbor().get("MetricAlarms").get(0);
        assertThat(alarm.get("AlarmName").asText()).isEqualTo("a1");
        assertThat(alarm.get("Threshold").asDouble()).isEqualTo(5.0);
        assertThat(alarm.get("Period").isIntegralNumber()).isTrue();
        assertThat(alarm.get("Dimensions").get(0).get("Value").asText()).isEqualTo("ep");

        // the tag itself, which a tree drops: read the answer token by token
        Instant updated = alarms().get(0).stateUpdatedTimestamp();
        List<String> timestamps = new ArrayList<>();
        try (CBORParser parser = new CBORFactory().createParser(described.bytes())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isNumeric() && parser.currentName() != null && parser.currentName().endsWith("Timestamp")) {
                    timestamps.add(parser.currentName() + " tag=" + parser.getCurrentTag() + " " + parser.getNumberType()
                            + " " + parser.getDoubleValue());
                }
            }
        }
        assertThat(timestamps).contains("StateUpdatedTimestamp tag=1 DOUBLE " + updated.toEpochMilli() / 1000.0,
                "AlarmConfigurationUpdatedTimestamp tag=1 DOUBLE " + alarms().get(0).alarmConfigurationUpdatedTimestamp()
                        .toEpochMilli() / 1000.0);
    }

    /** A CBOR map written by hand, so each value keeps the exact encoding it is given. */
    private static byte[] map(Object... keysAndEncodedValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xa0 + keysAndEncodedValues.length / 2);
        for (int i = 0; i < keysAndEncodedValues.length; i += 2) {
            byte[] key = ((String) keysAndEncodedValues[i]).getBytes(StandardCharsets.UTF_8);
            out.write(0x60 + key.length);  // every key here is shorter than 24 bytes
            out.writeBytes(key);
            out.writeBytes((byte[]) keysAndEncodedValues[i + 1]);
        }
        return out.toByteArray();
    }

    private static byte[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x60 + bytes.length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Period 60 as a 64-bit unsigned integer, EvaluationPeriods 2 as 32-bit, DatapointsToAlarm 1 as 16-bit
            "half-precision threshold 2.5 | f9 41 00 | 1b 00 00 00 00 00 00 00 3c | 1a 00 00 00 02 | 19 00 01 | 2.5",
            "single-precision threshold 0.75 | fa 3f 40 00 00 | 18 3c | 02 | 01 | 0.75",
            "double-precision threshold 1e-3 | fb 3f 50 62 4d d2 f1 a9 fc | 18 3c | 02 | 01 | 0.001",
            "integer threshold 7 (a float member may come as an integer) | 07 | 18 3c | 02 | 01 | 7.0"})
    @DisplayName("numbers as the SDKs send them: floats of any width, integers of any width, each read into its member's type")
    void numberWidths(String what, String threshold, String period, String evaluationPeriods, String datapoints,
                      double expected) throws Exception {
        byte[] body = map("AlarmName", text("w"), "Namespace", text("N"), "MetricName", text("M"),
                "Statistic", text("Sum"), "ComparisonOperator", text("GreaterThanThreshold"),
                "Threshold", hex(threshold), "Period", hex(period), "EvaluationPeriods", hex(evaluationPeriods),
                "DatapointsToAlarm", hex(datapoints));

        Answer put = call("PutMetricAlarm", body);

        assertThat(put.status()).as(what).isEqualTo(200);
        assertThat(alarms()).singleElement().satisfies(a -> {
            assertThat(a.threshold()).isEqualTo(expected);
            assertThat(a.period()).isEqualTo(60);
            assertThat(a.evaluationPeriods()).isEqualTo(2);
            assertThat(a.datapointsToAlarm()).isEqualTo(1);
        });
    }

    private static byte[] hex(String spaced) {
        String[] parts = spaced.trim().split(" ");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i], 16);
        }
        return bytes(values);
    }

    @Test
    @DisplayName("timestamps in tag 1 as an integer or a float: PutMetricData at them, GetMetricStatistics between them")
    void timestampsIn() throws Exception {
        Instant now = fake.clock().now();
        long minuteAgo = now.getEpochSecond() - 60;
        ByteArrayOutputStream put = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.getFactory().createGenerator(put)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "Ballast/Wire");
            out.writeArrayFieldStart("MetricData");
            out.writeStartObject();
            out.writeStringField("MetricName", "Latency");
            out.writeFieldName("Timestamp");
            out.writeTag(1);
            out.writeNumber(minuteAgo + 0.5);  // a float: half a second into the minute
            out.writeNumberField("Value", 12.5f);  // a single-precision float
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
        assertThat(call("PutMetricData", put.toByteArray()).status()).isEqualTo(200);

        ByteArrayOutputStream get = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.getFactory().createGenerator(get)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "Ballast/Wire");
            out.writeStringField("MetricName", "Latency");
            out.writeFieldName("StartTime");
            out.writeTag(1);
            out.writeNumber(minuteAgo - 60);  // an integer
            out.writeFieldName("EndTime");
            out.writeTag(1);
            out.writeNumber((double) now.getEpochSecond());
            out.writeNumberField("Period", 60);
            out.writeArrayFieldStart("Statistics");
            out.writeString("Sum");
            out.writeEndArray();
            out.writeEndObject();
        }
        Answer statistics = call("GetMetricStatistics", get.toByteArray());

        assertThat(statistics.status()).isEqualTo(200);
        JsonNode point = statistics.cbor().get("Datapoints").get(0);
        assertThat(point.get("Sum").asDouble()).isEqualTo(12.5);
        assertThat(point.get("Timestamp").asDouble()).isEqualTo((double) (minuteAgo - Math.floorMod(minuteAgo, 60)));
    }

    @Test
    @DisplayName("null members are ignored, as absent ones")
    void nullMembersIgnored() throws Exception {
        ObjectNode body = alarm("n1");
        body.putNull("AlarmDescription").putNull("Unit").putNull("AlarmActions");

        assertThat(call("PutMetricAlarm", body).status()).isEqualTo(200);
        assertThat(alarms()).singleElement().satisfies(a -> {
            assertThat(a.alarmDescription()).isNull();
            assertThat(a.unit()).isNull();
            assertThat(a.alarmActions()).isEmpty();
        });
    }

    @Test
    @DisplayName("the service's errors: __type the error's shape id (modelled) or its code, the awsQuery code in x-amzn-query-error")
    void serviceErrors() throws Exception {
        Answer missing = call("SetAlarmState", CBOR.createObjectNode().put("AlarmName", "nope").put("StateValue", "OK")
                .put("StateReason", "r"));
        assertError(missing, 404, "com.amazonaws.cloudwatch#ResourceNotFound", "ResourceNotFound;Sender");
        assertThat(missing.cbor().get("message").asText()).isEqualTo("Alarm nope not found");

        Answer token = call("DescribeAlarms", CBOR.createObjectNode().put("NextToken", "not-a-token"));
        assertError(token, 400, "com.amazonaws.cloudwatch#InvalidNextToken", "InvalidNextToken;Sender");

        Answer period = call("GetMetricStatistics", CBOR.createObjectNode().put("Namespace", "N").put("MetricName", "M")
                .put("Period", 7).put("StartTime", 0).put("EndTime", 60).set("Statistics", CBOR.createArrayNode().add("Sum")));
        assertError(period, 400, "com.amazonaws.cloudwatch#InvalidParameterValueException", "InvalidParameterValue;Sender");

        Answer noStart = call("GetMetricStatistics", CBOR.createObjectNode().put("Namespace", "N").put("MetricName", "M")
                .put("Period", 60).put("EndTime", 60).set("Statistics", CBOR.createArrayNode().add("Sum")));
        assertError(noStart, 400, "com.amazonaws.cloudwatch#MissingRequiredParameterException", "MissingParameter;Sender");

        // not modelled by CloudWatch: the code itself
        call("PutMetricAlarm", alarm("a1"));
        Answer badState = call("SetAlarmState", CBOR.createObjectNode().put("AlarmName", "a1").put("StateValue", "mno")
                .put("StateReason", "r"));
        assertError(badState, 400, "ValidationError", "ValidationError;Sender");
        assertThat(badState.cbor().get("message").asText()).startsWith("1 validation error detected: Value 'mno' at 'stateValue'");
    }

    @Test
    @DisplayName("an operation CloudWatch does not have is a 400 UnknownOperationException in CBOR")
    void unknownOperation() throws Exception {
        Answer answer = call("LaunchRockets", CBOR.createObjectNode());

        assertError(answer, 400, "UnknownOperationException", "UnknownOperationException;Sender");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "without smithy-protocol | /service/GraniteServiceVersion20100801/operation/DescribeAlarms | | ",
            "with another smithy-protocol | /service/GraniteServiceVersion20100801/operation/DescribeAlarms | rpc-v2-json | ",
            "with X-Amz-Target (the spec: servers must reject it) | /service/GraniteServiceVersion20100801/operation/DescribeAlarms"
                    + " | rpc-v2-cbor | GraniteServiceVersion20100801.DescribeAlarms",
            "to another service | /service/AmazonSageMaker/operation/DescribeAlarms | rpc-v2-cbor | "})
    @DisplayName("a request on the path that is not RPC v2 CBOR to CloudWatch is no route: the server's 404 for no operation")
    void notRpcV2Cbor(String what, String path, String protocol, String target) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Content-Type", "application/cbor").header("Authorization", RawHttp.authorization("monitoring"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(CBOR.writeValueAsBytes(CBOR.createObjectNode())));
        if (protocol != null) {
            request.header("smithy-protocol", protocol);
        }
        if (target != null) {
            request.header("X-Amz-Target", target);
        }

        Answer answer = send(request.build());

        assertThat(answer.status()).as(what).isEqualTo(404);
        assertThat(answer.header("smithy-protocol")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/service/com.amazonaws.cloudwatch.GraniteServiceVersion20100801/operation/DescribeAlarms",
            "/v1/service/GraniteServiceVersion20100801/operation/DescribeAlarms"})
    @DisplayName("the service's absolute shape id, and a prefix before the last four segments, route as the spec says")
    void routedForms(String path) throws Exception {
        Answer answer = send(request(path, CBOR.writeValueAsBytes(CBOR.createObjectNode())).build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.cbor().get("MetricAlarms").isArray()).isTrue();
    }

    @Test
    @DisplayName("a body that is not application/cbor is a 415 UnsupportedMediaTypeException, and no alarm")
    void wrongContentType() throws Exception {
        Answer answer = send(request(PATH + "PutMetricAlarm",
                "{\"AlarmName\":\"j\"}".getBytes(StandardCharsets.UTF_8)).setHeader("Content-Type", "application/json").build());

        assertError(answer, 415, "UnsupportedMediaTypeException", "UnsupportedMediaTypeException;Sender");
        assertThat(alarms()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a map of two pairs that ends after its first key: the value is a secret a log must not show
            "truncated CBOR | a2 69 41 6c 61 72 6d 4e 61 6d 65 67 68 75 6e 74 65 72 32 | the request body is not valid CBOR",
            "a reserved additional-information value | a1 61 41 1c | the request body is not valid CBOR",
            "an array, not a map | 81 67 68 75 6e 74 65 72 32 | the request body must be a CBOR map, not a CBOR array",
            "AlarmName as a byte string | a1 69 41 6c 61 72 6d 4e 61 6d 65 47 68 75 6e 74 65 72 32 | member AlarmName must be a string, not a CBOR byte string",
            "Period past 32 bits | a2 69 41 6c 61 72 6d 4e 61 6d 65 61 70 66 50 65 72 69 6f 64 1b 00 00 00 01 00 00 00 3c | member Period must be a 32-bit integer",
            "Period as a float | a2 69 41 6c 61 72 6d 4e 61 6d 65 61 70 66 50 65 72 69 6f 64 fb 40 4e 00 00 00 00 00 00 | member Period must be a integer, not a CBOR number",
            "Threshold as text | a2 69 41 6c 61 72 6d 4e 61 6d 65 61 70 69 54 68 72 65 73 68 6f 6c 64 61 35 | member Threshold must be a double, not a CBOR text string"})
    @DisplayName("a body the server cannot read exactly is a 400 SerializationException that names where, never the value; and no alarm")
    void malformed(String what, String body, String reason) throws Exception {
        Answer answer = call("PutMetricAlarm", hex(body));

        assertError(answer, 400, "SerializationException", "SerializationException;Sender");
        assertThat(answer.cbor().get("message").asText()).as(what).startsWith("Cannot read the PutMetricAlarm request: " + reason)
                .doesNotContain("hunter2");
        assertThat(alarms()).isEmpty();
    }

    @Test
    @DisplayName("a timestamp that is not finite is refused")
    void nonFiniteTimestamp() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.getFactory().createGenerator(body)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "N");
            out.writeArrayFieldStart("MetricData");
            out.writeStartObject();
            out.writeStringField("MetricName", "M");
            out.writeNumberField("Value", 1.0);
            out.writeFieldName("Timestamp");
            out.writeTag(1);
            out.writeNumber(Double.NaN);
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }

        Answer answer = call("PutMetricData", body.toByteArray());

        assertError(answer, 400, "SerializationException", "SerializationException;Sender");
        assertThat(answer.cbor().get("message").asText()).endsWith("member Timestamp must be a finite timestamp");
    }

    @Test
    @DisplayName("signature checks as on the other routes: no Authorization is a 403, a foreign region a 403, both in CBOR")
    void signatures() throws Exception {
        Answer unsigned = send(HttpRequest.newBuilder(URI.create(server.uri() + PATH + "DescribeAlarms"))
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CBOR.writeValueAsBytes(CBOR.createObjectNode()))).build());
        assertError(unsigned, 403, "MissingAuthenticationTokenException", "MissingAuthenticationTokenException;Sender");

        Answer foreign = send(request(PATH + "PutMetricAlarm", CBOR.writeValueAsBytes(alarm("x")))
                .setHeader("Authorization", RawHttp.authorization("monitoring").replace("us-east-1", "eu-west-1")).build());
        assertError(foreign, 403, "InvalidSignatureException", "InvalidSignatureException;Sender");
        assertThat(alarms()).isEmpty();
    }

    @Test
    @DisplayName("faults as on the other routes: throttled, 500, 503 in CBOR with their query codes; a delay answers late; a drop answers not at all")
    void faults() throws Exception {
        server.faults().throttle("DescribeAlarms", 1).fail("DescribeAlarms", 500, 1).fail("DescribeAlarms", 503, 1)
                .delay("DescribeAlarms", Duration.ofMillis(1), 1).drop("DescribeAlarms", 1);
        byte[] empty = CBOR.writeValueAsBytes(CBOR.createObjectNode());

        Answer throttled = call("DescribeAlarms", empty);
        assertError(throttled, 400, "Throttling", "Throttling;Sender");
        assertThat(throttled.cbor().get("message").asText()).isEqualTo("Rate exceeded");
        assertError(call("DescribeAlarms", empty), 500, "InternalFailure", "InternalFailure;Receiver");
        assertError(call("DescribeAlarms", empty), 503, "ServiceUnavailable", "ServiceUnavailable;Receiver");
        Answer delayed = call("DescribeAlarms", empty);
        assertThat(delayed.status()).isEqualTo(200);
        assertProtocolHeaders(delayed);
        assertThatThrownBy(() -> call("DescribeAlarms", empty)).isInstanceOf(IOException.class);
        assertThat(call("DescribeAlarms", empty).status()).isEqualTo(200);
        assertThat(server.faults().remaining("DescribeAlarms")).isZero();
    }

    @Test
    @DisplayName("a body over the 1 MiB bound is CloudWatch's 413 RequestEntityTooLarge, in CBOR")
    void tooLarge() throws Exception {
        Answer answer = call("PutMetricAlarm", new byte[1024 * 1024 + 1]);

        assertError(answer, 413, "RequestEntityTooLarge", "RequestEntityTooLarge;Sender");
        assertThat(answer.cbor().get("message").asText()).isEqualTo("Request size 1048577 exceeded 1048576 bytes");
        assertThat(alarms()).isEmpty();
    }

    @Test
    @DisplayName("blobs are CBOR byte strings both ways, by the walk the JSON protocols use (where JSON has base64)")
    void blobsAreByteStrings() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 0xff};
        ObjectNode tree = CBOR.createObjectNode().put("EndpointName", "ep").put("Body", payload);
        var request = (software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest) PojoJson.read(
                software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest.builder(),
                CBOR.readTree(CBOR.writeValueAsBytes(tree)), PojoJson.Format.CBOR);
        assertThat(request.body().asByteArray()).isEqualTo(payload);

        byte[] written = PojoJson.write(software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse.builder()
                .body(software.amazon.awssdk.core.SdkBytes.fromByteArray(payload)).build(), PojoJson.Format.CBOR);
        JsonNode body = CBOR.readTree(written).get("Body");
        assertThat(body.isBinary()).isTrue();
        assertThat(body.binaryValue()).isEqualTo(payload);
        assertThatThrownBy(() -> PojoJson.read(software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest.builder(),
                CBOR.createObjectNode().put("Body", "AAEC/w=="), PojoJson.Format.CBOR))
                .hasMessage("member Body must be a blob, not a CBOR text string");
    }

    @Test
    @DisplayName("the same alarm read over CBOR and over AWS JSON 1.0 is the same alarm")
    void sameAsJson() throws Exception {
        call("PutMetricAlarm", alarm("both"));
        JsonNode cbor = call("DescribeAlarms", CBOR.createObjectNode()).cbor().get("MetricAlarms").get(0);
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/"))
                .header("X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms")
                .header("Content-Type", "application/x-amz-json-1.0").header("Authorization", RawHttp.authorization("monitoring"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode fromJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body()).get("MetricAlarms").get(0);

        assertThat(Map.of("name", cbor.get("AlarmName").asText(), "threshold", cbor.get("Threshold").asDouble(),
                "updated", cbor.get("StateUpdatedTimestamp").asDouble()))
                .isEqualTo(Map.of("name", fromJson.get("AlarmName").asText(), "threshold", fromJson.get("Threshold").asDouble(),
                        "updated", fromJson.get("StateUpdatedTimestamp").asDouble()));
    }
}
