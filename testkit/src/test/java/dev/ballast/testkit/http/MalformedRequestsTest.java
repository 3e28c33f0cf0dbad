package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;

/**
 * Requests the server cannot read exactly are refused whole, never half applied: awsQuery
 * parameters are read strictly (no coercion of numbers, list members numbered 1, 2, 3 ..., a
 * parameter given once), integers never wrap round, and an instance count that overflows a sum
 * does not slip under a quota.
 */
@DisplayName("Malformed requests and overflowing integers change nothing")
class MalformedRequestsTest {

    private static final String ALARM = "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&Namespace=AWS%2FSageMaker"
            + "&MetricName=Invocations&Statistic=Sum&ComparisonOperator=GreaterThanThreshold";
    private static final String TOPIC = "arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At";
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final FakeServer server = FakeServer.builder(fake).build().start();

    @AfterEach
    void close() {
        server.close();
        fake.close();
    }

    private RawHttp.Response query(String body) throws IOException {
        try (Socket socket = RawHttp.open(server.port(), Duration.ofSeconds(10))) {
            RawHttp.write(socket, RawHttp.queryHead(body.length()) + body);
            return RawHttp.read(socket);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a space before a number     | &Period=60&EvaluationPeriods=1&Threshold=%201      | parameter Threshold must be a number",
        "a Java type suffix          | &Period=60&EvaluationPeriods=1&Threshold=1d        | parameter Threshold must be a number",
        "a hexadecimal float         | &Period=60&EvaluationPeriods=1&Threshold=0x1p0     | parameter Threshold must be a number",
        "a double that overflows     | &Period=60&EvaluationPeriods=1&Threshold=1e400     | parameter Threshold must be a number within the range of a double",
        "an empty number             | &Period=60&EvaluationPeriods=1&Threshold=          | parameter Threshold must be a number",
        "a plus sign                 | &Period=60&EvaluationPeriods=%2B1&Threshold=1      | parameter EvaluationPeriods must be an integer",
        "a fraction for an integer   | &Period=60&EvaluationPeriods=1.0&Threshold=1       | parameter EvaluationPeriods must be an integer",
        "an integer past 32 bits     | &Period=60&EvaluationPeriods=4294967297&Threshold=1 | parameter EvaluationPeriods must be a 32-bit integer, from -2147483648 to 2147483647",
        "an integer past 64 bits     | &Period=60&EvaluationPeriods=99999999999999999999999&Threshold=1 | parameter EvaluationPeriods must be a 32-bit integer",
        "a space after an integer    | &Period=60%20&EvaluationPeriods=1&Threshold=1      | parameter Period must be an integer",
        "a boolean in capitals       | &Period=60&EvaluationPeriods=1&Threshold=1&ActionsEnabled=TRUE | parameter ActionsEnabled must be true or false",
        "a list member numbered 0    | &Period=60&EvaluationPeriods=1&Threshold=1&OKActions.member.0=" + TOPIC + " | the members of list or map parameter OKActions must be numbered 1, 2, 3 ... without gaps",
        "a list member not numbered  | &Period=60&EvaluationPeriods=1&Threshold=1&OKActions.member.x=" + TOPIC + " | the members of list or map parameter OKActions must be numbered",
        "a gap in a list             | &Period=60&EvaluationPeriods=1&Threshold=1&OKActions.member.2=" + TOPIC + " | the members of list or map parameter OKActions must be numbered",
        "a leading zero in an index  | &Period=60&EvaluationPeriods=1&Threshold=1&OKActions.member.01=" + TOPIC + " | the members of list or map parameter OKActions must be numbered",
        "an index past 32 bits       | &Period=60&EvaluationPeriods=1&Threshold=1&OKActions.member.4294967297=" + TOPIC + " | the members of list or map parameter OKActions must be numbered",
        "a value for a list          | &Period=60&EvaluationPeriods=1&Threshold=1&OKActions=" + TOPIC + " | parameter OKActions is a list: give its members, not a value of its own",
        "a value for a structure     | &Period=60&EvaluationPeriods=1&Threshold=1&Dimensions.member.1=x | parameter Dimensions.member.1 is a structure",
        "a parameter given twice     | &Period=60&EvaluationPeriods=1&Threshold=1&AlarmName=b | the form body gives a parameter more than once",
        "a malformed escape          | &Period=60&EvaluationPeriods=1&Threshold=1&X=%zz  | the form body has a malformed %-escape",
    })
    @DisplayName("an awsQuery PutMetricAlarm the server cannot read exactly is a 400 MalformedQueryString, and no alarm")
    void malformedQuery(String what, String parameters, String message) throws IOException {
        RawHttp.Response answer = query(ALARM + parameters.trim());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>MalformedQueryString</Code>", message.trim());
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("what the SDKs send is read as before: plain decimals, exponents, lists from 1, an empty list, unknown parameters ignored")
    void wellFormedQuery() throws IOException {
        RawHttp.Response answer = query(ALARM + "&Period=60&EvaluationPeriods=01&Threshold=-1.5e3&AlarmActions="
                + "&OKActions.member.1=" + TOPIC + "&OKActions.member.2=" + TOPIC.replace("%3At", "%3Au")
                + "&Dimensions.member.1.Name=EndpointName&Dimensions.member.1.Value=ep&SomethingNew=1");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).singleElement().satisfies(alarm -> {
            assertThat(alarm.evaluationPeriods()).isEqualTo(1);
            assertThat(alarm.threshold()).isEqualTo(-1500.0);
            assertThat(alarm.alarmActions()).isEmpty();
            assertThat(alarm.okActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:t",
                    "arn:aws:sns:us-east-1:123456789012:u");
        });
    }

    @Test
    @DisplayName("NaN and infinities by name reach CloudWatch's own refusal (InvalidParameterValue), and no alarm")
    void namedNonFiniteValues() throws IOException {
        RawHttp.Response answer = query(ALARM + "&Period=60&EvaluationPeriods=1&Threshold=Infinity");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>InvalidParameterValue</Code>");
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("over JSON, an integer past 32 bits is a SerializationException and no endpoint configuration")
    void jsonIntegerOverflow() throws IOException {
        String body = "{\"EndpointConfigName\":\"c\",\"ProductionVariants\":[{\"VariantName\":\"v\",\"ModelName\":\"m\","
                + "\"InstanceType\":\"ml.g5.2xlarge\",\"InitialInstanceCount\":4294967297}]}";
        try (Socket socket = RawHttp.open(server.port(), Duration.ofSeconds(10))) {
            RawHttp.write(socket, RawHttp.sageMakerHead("CreateEndpointConfig", body.length()) + body);
            RawHttp.Response answer = RawHttp.read(socket);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("SerializationException", "InitialInstanceCount must be a 32-bit integer");
        }
        assertThat(fake.sageMakerClient().listEndpointConfigs(b -> { }).endpointConfigs()).isEmpty();
    }

    @Test
    @DisplayName("two variants of 2^31-1 instances each do not add up to a negative count that slips under the quota")
    void instanceCountsDoNotWrapRound() {
        fake.givenInstanceQuota("ml.g5.2xlarge", 5);
        try (SageMakerClient sm = SdkClients.sageMaker(server)) {
            sm.createModel(b -> b.modelName("m").executionRoleArn(ROLE).primaryContainer(c -> c.image(IMAGE)));
            sm.createEndpointConfig(b -> b.endpointConfigName("huge").productionVariants(
                    ProductionVariant.builder().variantName("a").modelName("m").instanceType("ml.g5.2xlarge")
                            .initialInstanceCount(Integer.MAX_VALUE).build(),
                    ProductionVariant.builder().variantName("b").modelName("m").instanceType("ml.g5.2xlarge")
                            .initialInstanceCount(Integer.MAX_VALUE).build()));

            assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("huge")))
                    .isInstanceOf(ResourceLimitExceededException.class)
                    .hasMessageContaining("is 5 Instances, with current utilization of 0 Instances");
            assertThat(sm.listEndpoints(b -> { }).endpoints()).isEmpty();
        }
    }
}
