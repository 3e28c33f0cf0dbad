package dev.ballast.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.error.AccessDeniedException;
import dev.ballast.error.CapacityException;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;

/** The translation table of {@link SdkErrors}, on SDK exceptions built as the clients build them. */
class SdkErrorsTest {

    private static final SdkRequest DESCRIBE = DescribeEndpointRequest.builder().endpointName("demo").build();

    private static SageMakerException sageMaker(String code, String message, int status) {
        return (SageMakerException) SageMakerException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SageMaker").build())
                .statusCode(status).requestId("rid-1").message(message).build();
    }

    @ParameterizedTest(name = "{0} is a ThrottledException and retryable")
    @ValueSource(strings = {"ThrottlingException", "Throttling", "RequestLimitExceeded", "TooManyRequestsException"})
    @DisplayName("throttling codes become ThrottledException, retryable")
    void throttling(String code) {
        TransportException e = SdkErrors.translate(DESCRIBE, sageMaker(code, "Rate exceeded", 400));

        assertThat(e).isInstanceOf(ThrottledException.class);
        assertThat(e.retryable()).isTrue();
    }

    @ParameterizedTest(name = "{0} is a CapacityException")
    @ValueSource(strings = {"ResourceLimitExceeded", "LimitExceeded", "LimitExceededException", "InsufficientInstanceCapacity"})
    @DisplayName("quota and capacity codes become CapacityException, not retryable")
    void capacity(String code) {
        TransportException e = SdkErrors.translate(DESCRIBE, sageMaker(code, "limit", 400));

        assertThat(e).isInstanceOf(CapacityException.class);
        assertThat(e.retryable()).isFalse();
    }

    @ParameterizedTest(name = "{0} is a ResourceConflictException")
    @ValueSource(strings = {"ResourceInUse", "ConflictException", "ConcurrentUpdateException"})
    @DisplayName("busy-resource codes become ResourceConflictException")
    void conflict(String code) {
        assertThat(SdkErrors.translate(DESCRIBE, sageMaker(code, "busy", 400))).isInstanceOf(ResourceConflictException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:1:endpoint/demo\".|in progress",
            "Cannot update inference component \"arn:aws:sagemaker:us-east-1:1:inference-component/llm\" while it is in Updating status.|Updating",
            "Cannot update inference component \"arn:aws:sagemaker:us-east-1:1:inference-component/llm\" while it is in Creating status.|Creating",
            "Cannot delete inference component \"arn:aws:sagemaker:us-east-1:1:inference-component/llm\" while it is in Creating status.|Creating",
            "Inference component \"arn:aws:sagemaker:us-east-1:1:inference-component/llm\" is already being deleted (DELETE_IN_PROGRESS).|Deleting"})
    @DisplayName("SageMaker's refusals of a busy endpoint or component become ResourceConflictException, with what it is doing and what to do")
    void busyRefusals(String messageAndActivity) {
        String message = messageAndActivity.substring(0, messageAndActivity.indexOf('|'));
        String activity = messageAndActivity.substring(messageAndActivity.indexOf('|') + 1);
        SdkRequest update = UpdateInferenceComponentRequest.builder().inferenceComponentName("llm").build();

        TransportException e = SdkErrors.translate(update, sageMaker("ValidationException", message, 400));

        assertThat(e).isInstanceOfSatisfying(ResourceConflictException.class, c -> {
            assertThat(c.activity()).isEqualTo(activity);
            assertThat(c.resource()).isEqualTo("inference-component/llm");
            assertThat(c.retryable()).isFalse();
            assertThat(c.getMessage()).startsWith("SageMaker.UpdateInferenceComponent on inference-component/llm failed: ValidationException: "
                    + message).contains("[request id rid-1]", "then try again");
            assertThat(c.getMessage()).contains(activity.equals("Deleting") ? "inference-component/llm is being deleted: wait until it is gone"
                    : "wait until it settles, or follow the change in flight with Ballast.attach(spec)");
        });
    }

    @Test
    @DisplayName("a failed call that names several resources names each of them")
    void severalResources() {
        SdkRequest deleteAlarms = DeleteAlarmsRequest.builder().alarmNames("a", "b").build();

        TransportException e = SdkErrors.translate(deleteAlarms, (CloudWatchException) CloudWatchException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("internal").build())
                .statusCode(500).requestId("rid-2").message("internal").build());

        assertThat(e.resource()).isEqualTo("alarm/a, alarm/b");
        assertThat(e.getMessage()).startsWith("CloudWatch.DeleteAlarms on alarm/a, alarm/b failed");
        assertThat(Requests.resources(deleteAlarms)).containsExactly("alarm/a", "alarm/b");
        assertThat(Requests.resources(DESCRIBE)).containsExactly("endpoint/demo");
        assertThat(Requests.resources(ListEndpointsRequest.builder().build())).isEmpty();
    }

    @ParameterizedTest(name = "{0} is an AccessDeniedException")
    @ValueSource(strings = {"AccessDenied", "AccessDeniedException"})
    @DisplayName("access codes become AccessDeniedException")
    void accessDenied(String code) {
        assertThat(SdkErrors.translate(DESCRIBE, sageMaker(code, "no", 403))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @DisplayName("a ValidationException that is not about an in-progress update stays a plain TransportException")
    void otherValidation() {
        TransportException e = SdkErrors.translate(DESCRIBE, sageMaker("ValidationException",
                "Cannot create already existing endpoint \"arn:aws:sagemaker:us-east-1:1:endpoint/demo\".", 400));

        assertThat(e).isExactlyInstanceOf(TransportException.class);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    @DisplayName("the resource is read off the request's name members, most specific first, and empty for a List call")
    void resources() {
        assertThat(Requests.resource(CreateInferenceComponentRequest.builder().inferenceComponentName("llm").endpointName("demo").build()))
                .isEqualTo("inference-component/llm");
        assertThat(Requests.resource(CreateEndpointRequest.builder().endpointName("demo").endpointConfigName("c1").build()))
                .isEqualTo("endpoint/demo");
        assertThat(Requests.resource(CreateEndpointConfigRequest.builder().endpointConfigName("c1").build())).isEqualTo("endpoint-config/c1");
        assertThat(Requests.resource(DeleteModelRequest.builder().modelName("m").build())).isEqualTo("model/m");
        assertThat(Requests.resource(SetAlarmStateRequest.builder().alarmName("a").build())).isEqualTo("alarm/a");
        assertThat(Requests.resource(DescribeScalableTargetsRequest.builder().resourceIds("inference-component/llm").build()))
                .isEqualTo("scalable-target/inference-component/llm");
        assertThat(Requests.resource(ListEndpointsRequest.builder().nameContains("demo").build())).isEmpty();
    }

    @Test
    @DisplayName("wrappers are looked through, and an already translated exception is returned as it is")
    void unwrapping() {
        SageMakerException cause = sageMaker("ThrottlingException", "Rate exceeded", 400);

        TransportException e = SdkErrors.translate(DESCRIBE, new CompletionException(cause));

        assertThat(e).isInstanceOf(ThrottledException.class).hasCause(cause);
        assertThat(SdkErrors.translate(DESCRIBE, e)).isSameAs(e);
        assertThat(SdkErrors.translate(DESCRIBE, new CompletionException(e))).isSameAs(e);
    }

    @Test
    @DisplayName("an I/O failure of the client is retryable, with no code, status or request id")
    void ioFailure() {
        SdkClientException io = SdkClientException.builder().message("Unable to execute HTTP request: Connection refused")
                .cause(new IOException("Connection refused")).build();

        TransportException e = SdkErrors.translate(DESCRIBE, io);

        assertThat(e.retryable()).isTrue();
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.statusCode()).isZero();
        assertThat(e.requestId()).isEmpty();
        assertThat(SdkErrors.translate(DESCRIBE, SdkClientException.create("bad configuration")).retryable()).isFalse();
    }

    @Test
    @DisplayName("not found: SageMaker's 'Could not find', CloudWatch's ResourceNotFound, AAS's ObjectNotFoundException; nothing else")
    void notFound() {
        assertThat(SdkErrors.isNotFound(sageMaker("ValidationException", "Could not find model \"arn:x\".", 400))).isTrue();
        assertThat(SdkErrors.isNotFound(sageMaker("ValidationException",
                "Could not find inference component \"llm\".", 400))).isTrue();
        assertThat(SdkErrors.isNotFound(CloudWatchException.builder().awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ResourceNotFound").errorMessage("Alarm a does not exist").build()).statusCode(404).build())).isTrue();
        assertThat(SdkErrors.isNotFound(ApplicationAutoScalingException.builder().awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ObjectNotFoundException").errorMessage("No scalable target registered").build()).statusCode(400).build()))
                .isTrue();
        assertThat(SdkErrors.isNotFound(new CompletionException(sageMaker("ValidationException", "Could not find endpoint \"a\".", 400))))
                .isTrue();
        assertThat(SdkErrors.isNotFound(sageMaker("ValidationException", "Cannot update in-progress endpoint \"a\".", 400))).isFalse();
        assertThat(SdkErrors.isNotFound(sageMaker("ThrottlingException", "Rate exceeded", 400))).isFalse();
        assertThat(SdkErrors.isNotFound(new IllegalStateException("Could not find"))).isFalse();
    }

    @Test
    @DisplayName("a very long service message is trimmed in the exception")
    void longMessage() {
        TransportException e = SdkErrors.translate(DESCRIBE, sageMaker("ModelError", "x".repeat(5000), 424));

        assertThat(e.getMessage().length()).isLessThan(1200);
        assertThat(e.getMessage()).contains("...");
    }
}
