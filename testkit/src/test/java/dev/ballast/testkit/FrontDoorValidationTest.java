package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Every request is checked against its service's API model before anything else, in AWS's order
 * (shape, then existence, then state) and words; a refused request changes nothing and is never a
 * 5xx. Cases taken from what a user saw the fake accept or answer wrongly.
 */
class FrontDoorValidationTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();
    private final CloudWatchClient cw = fake.cloudWatchClient();

    private static AwsServiceException refused(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        AwsServiceException e = (AwsServiceException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    private void createModel(String name) {
        sm.createModel(b -> b.modelName(name).executionRoleArn(Fixtures.ROLE)
                .primaryContainer(ContainerDefinition.builder().image(Fixtures.IMAGE).build()));
    }

    @Test
    @DisplayName("shape is checked before existence")
    void shapeIsCheckedBeforeExistence() {
        AwsServiceException e = refused(() -> sm.describeEndpoint(b -> b.endpointName("bad value!")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'bad value!' at"
                + " 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    }

    @Test
    @DisplayName("a create under an existing name with a broken tag, is a shape error, not a duplicate")
    void aCreateUnderAnExistingNameWithABrokenTagIsAShapeErrorNotADuplicate() {
        createModel("m1");
        AwsServiceException e = refused(() -> sm.createModel(b -> b.modelName("m1").executionRoleArn(Fixtures.ROLE)
                .primaryContainer(ContainerDefinition.builder().image(Fixtures.IMAGE).build())
                .tags(Tag.builder().key("bad key!").value("v").build())));
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value 'bad key!' at"
                + " 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern:");
    }

    @Test
    @DisplayName("every violation is reported at once, and the refused create leaves nothing behind")
    void everyViolationIsReportedAtOnceAndTheRefusedCreateLeavesNothingBehind() {
        AwsServiceException e = refused(() -> sm.createModel(b -> b.modelName("m2").executionRoleArn("not-a-role")
                .primaryContainer(ContainerDefinition.builder().image("has space")
                        .environment(Map.of("HF_TOKEN", "x".repeat(1025))).build())));
        String message = e.awsErrorDetails().errorMessage();
        assertThat(message).startsWith("4 validation errors detected: ")
                .contains("Value 'has space' at 'primaryContainer.image' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: ^[\\S]+$")
                .contains("Value at 'primaryContainer.environment' failed to satisfy constraint: Map value must"
                        + " satisfy constraint: [Member must have length less than or equal to 1024]")
                .contains("Value 'not-a-role' at 'executionRoleArn' failed to satisfy constraint: Member must have"
                        + " length greater than or equal to 20")
                .contains("Value 'not-a-role' at 'executionRoleArn' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: ^arn:aws[a-z\\-]*:iam::\\d{12}:role/?")
                .doesNotContain("xxxx");
        assertThat(sm.listModels(b -> { }).models()).isEmpty();
    }

    @Test
    @DisplayName("an instance type outside the models enum is refused")
    void anInstanceTypeOutsideTheModelsEnumIsRefused() {
        AwsServiceException e = refused(() -> sm.createEndpointConfig(b -> b.endpointConfigName("c")
                .executionRoleArn(Fixtures.ROLE).productionVariants(ProductionVariant.builder().variantName("v")
                        .instanceType("ml.bogus.xlarge").initialInstanceCount(1).build())));
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value"
                + " 'ml.bogus.xlarge' at 'productionVariants.1.member.instanceType' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [ml.t2.medium, ");
        assertThatThrownBy(() -> sm.describeEndpointConfig(b -> b.endpointConfigName("c")))
                .hasMessageStartingWith("Could not find endpoint configuration");
    }

    @Test
    @DisplayName("list endpoints refuses an unknown sort key")
    void listEndpointsRefusesAnUnknownSortKey() {
        AwsServiceException e = refused(() -> sm.listEndpoints(b -> b.sortBy("NOT_A_VALUE")));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'NOT_A_VALUE' at"
                + " 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime,"
                + " Status]");
    }

    @Test
    @DisplayName("put metric alarm checks names enums and ranges")
    void putMetricAlarmChecksNamesEnumsAndRanges() {
        AwsServiceException e = refused(() -> cw.putMetricAlarm(b -> b.alarmName("a").metricName("").namespace("N")
                .statistic("Median").comparisonOperator("Bigger").evaluationPeriods(0).period(60)
                .threshold(5.0)));
        assertThat(e).isInstanceOf(CloudWatchException.class);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("4 validation errors detected: ")
                .contains("Value '' at 'metricName' failed to satisfy constraint: Member must have length greater"
                        + " than or equal to 1")
                .contains("Value 'Median' at 'statistic' failed to satisfy constraint: Member must satisfy enum value"
                        + " set: [SampleCount, Average, Sum, Minimum, Maximum]")
                .contains("Value 'Bigger' at 'comparisonOperator'")
                .contains("Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 1");
        AwsServiceException infinite = refused(() -> cw.putMetricAlarm(b -> b.alarmName("a").metricName("M")
                .namespace("N").statistic("Sum").comparisonOperator("GreaterThanThreshold").evaluationPeriods(1)
                .period(60).threshold(Double.POSITIVE_INFINITY)));
        assertThat(infinite.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(infinite.awsErrorDetails().errorMessage())
                .isEqualTo("The value Infinity for parameter Threshold is invalid.");
        assertThat(cw.describeAlarms(b -> { }).metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("a missing required member is a client error naming it, never a 500")
    void aMissingRequiredMemberIsAClientErrorNamingItNeverA500() {
        AwsServiceException e = refused(() -> cw.setAlarmState(b -> b.stateValue("ALARM").stateReason("r")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at"
                + " 'alarmName' failed to satisfy constraint: Member must not be null");

        AwsServiceException nested = refused(() -> cw.getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("Invocations").startTime(fake.clock().now().minusSeconds(600)).endTime(fake.clock().now())
                .period(60).statistics(List.of(software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM))
                .dimensions(Dimension.builder().value("v").build())));
        assertThat(nested.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at"
                + " 'dimensions.1.member.name' failed to satisfy constraint: Member must not be null");

        assertThatThrownBy(() -> cw.getMetricStatistics(b -> b.metricName("Invocations")
                .startTime(fake.clock().now().minusSeconds(600)).endTime(fake.clock().now()).period(60)
                .statistics(List.of(software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM))))
                .isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageStartingWith("The parameter Namespace is required.");
    }

    @Test
    @DisplayName("runtime checks its headers without quoting sensitive values")
    void runtimeChecksItsHeadersWithoutQuotingSensitiveValues() {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> fake.runtimeClient().invokeEndpoint(b -> b
                .endpointName("nope").customAttributes("secret-" + "a".repeat(2000))
                .body(SdkBytes.fromUtf8String("{}"))));
        assertThat(e).isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("1 validation error detected: Value at 'customAttributes' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 1024")
                .hasMessageNotContaining("secret");
    }

    @Test
    @DisplayName("auto scaling refuses an unknown namespace before looking for the target")
    void autoScalingRefusesAnUnknownNamespaceBeforeLookingForTheTarget() {
        AwsServiceException e = refused(() -> fake.autoScalingClient().describeScalableTargets(b -> b
                .serviceNamespace("bogus")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value 'bogus' at"
                + " 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: [");
    }

    @Test
    @DisplayName("a valid request still reaches the service")
    void aValidRequestStillReachesTheService() {
        createModel("m3");
        assertThat(sm.describeModel(b -> b.modelName("m3")).modelName()).isEqualTo("m3");
        assertThatThrownBy(() -> sm.describeModel(b -> b.modelName("m4"))).isInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("Could not find model");
    }
}
