package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.ConformanceCases.Case;
import dev.ballast.testkit.http.internal.PojoJson;
import dev.ballast.testkit.http.internal.Service;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentComputeResourceRequirements;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The conformance suite generated from the API models ({@link ConformanceCases}): every case — a
 * valid request with one constraint of one member broken — is refused with the service's error
 * code, a 400, the member's path and the constraint's words, and changes nothing; in process, over
 * HTTP through the AWS SDK for Java, and over HTTP through boto3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceSuiteTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private SageMakerRuntimeAsyncClient streaming;
    private List<Case> cases;

    @BeforeAll
    void seed() {
        fake = FakeSageMaker.create();
        SageMakerClient sm = fake.sageMakerClient();
        String role = "arn:aws:iam::123456789012:role/SageMakerRole";
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";
        sm.createModel(b -> b.modelName("m").executionRoleArn(role)
                .primaryContainer(ContainerDefinition.builder().image(image).build()));
        sm.createEndpointConfig(b -> b.endpointConfigName("c").executionRoleArn(role).productionVariants(
                ProductionVariant.builder().variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(1).build()));
        sm.createEndpoint(b -> b.endpointName("e").endpointConfigName("c"));
        fake.clock().advanceUntil(() -> sm.describeEndpoint(b -> b.endpointName("e")).endpointStatus()
                == EndpointStatus.IN_SERVICE, Duration.ofHours(2));
        sm.createInferenceComponent(b -> b.inferenceComponentName("ic").endpointName("e").variantName("AllTraffic")
                .specification(s -> s.modelName("m")
                        .container(InferenceComponentContainerSpecification.builder().image(image).build())
                        .computeResourceRequirements(InferenceComponentComputeResourceRequirements.builder()
                                .numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024).build()))
                .runtimeConfig(r -> r.copyCount(1)));
        fake.clock().advanceUntil(() -> sm.describeInferenceComponent(b -> b.inferenceComponentName("ic"))
                .inferenceComponentStatus() == InferenceComponentStatus.IN_SERVICE, Duration.ofHours(2));
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("a").namespace("AWS/SageMaker")
                .metricName("Invocation4XXErrors").statistic("Sum").period(60).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator("GreaterThanThreshold"));
        fake.autoScalingClient().registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId("inference-component/ic")
                .scalableDimension(ScalableDimension.SAGEMAKER_INFERENCE_COMPONENT_DESIRED_COPY_COUNT)
                .minCapacity(1).maxCapacity(4));
        cases = ConformanceCases.generate(this::served);
        server = FakeServer.builder(fake).build().start();
    }

    @AfterAll
    void stop() {
        if (streaming != null) {
            streaming.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private boolean served(String serviceAndOperation) {
        String[] parts = serviceAndOperation.split("/");
        return fake.servedOperations(parts[0]).contains(parts[1]);
    }

    @Test
    @DisplayName("every served operation has a base request that the model accepts, and the suite is large")
    void everyServedOperationHasABaseRequestThatTheModelAcceptsAndTheSuiteIsLarge() {
        Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> bases = ConformanceCases.bases();
        for (String service : List.of("sagemaker", "sagemaker-runtime", "cloudwatch", "application-autoscaling")) {
            for (String operation : fake.servedOperations(service)) {
                assertThat(bases.get(service)).as("base requests of %s", service).containsKey(operation);
                SdkRequest base = request(new Case(service, operation, "base", bases.get(service).get(operation), "",
                        ""));
                assertThat(ConformanceCases.VALIDATOR.validate(base)).as("%s.%s base request", service, operation)
                        .isEmpty();
            }
        }
        assertThat(cases).hasSizeGreaterThan(500);
    }

    @TestFactory
    @DisplayName("assert refused")
    Stream<DynamicTest> inProcess() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            String before = fingerprint();
            AwsServiceException e = refusal(() -> fake.execute(request(c)));
            assertRefused(c, e.statusCode(), e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
            assertThat(fingerprint()).as("state after the refused request").isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> overHttpWithTheJavaSdk() {
        streaming = SageMakerRuntimeAsyncClient.builder().endpointOverride(server.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        Map<String, SdkClient> clients = Map.of("sagemaker", SdkClients.sageMaker(server),
                "sagemaker-runtime", SdkClients.runtime(server), "cloudwatch", SdkClients.cloudWatch(server),
                "application-autoscaling", SdkClients.autoScaling(server));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            String before = fingerprint();
            SdkRequest request = request(c);
            SdkClient client = clients.get(c.service());
            Throwable thrown;
            if (request instanceof InvokeEndpointWithResponseStreamRequest stream) {
                // only the async client has the streaming operation; an error before the stream fails its future
                try {
                    streaming.invokeEndpointWithResponseStream(stream,
                            InvokeEndpointWithResponseStreamResponseHandler.builder()
                                    .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder().build())
                                    .build()).get(30, TimeUnit.SECONDS);
                    thrown = null;
                } catch (ExecutionException e) {
                    thrown = e.getCause();
                }
            } else {
                Method method = client.getClass().getInterfaces()[0].getMethod(lowerFirst(c.operation()),
                        request.getClass());
                try {
                    method.invoke(client, request);
                    thrown = null;
                } catch (InvocationTargetException e) {
                    thrown = e.getCause();
                }
            }
            if (thrown instanceof SdkClientException && (clientRefusesLocally(c) || nettyRefusesTheHeader(thrown))
                    || notExpressibleOverHttp(c)) {
                return; // the SDK refused to send it (an empty or missing URI label): nothing reached the fake
            }
            assertThat(thrown).as("%s answered", c.id()).isInstanceOf(AwsServiceException.class);
            AwsServiceException e = (AwsServiceException) thrown;
            assertRefused(c, e.statusCode(), e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
            assertThat(fingerprint()).as("state after the refused request").isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> overHttpWithBoto3() throws Exception {
        String missing = ExternalClients.unavailable("python3", "-c", "import boto3");
        Assumptions.assumeTrue(missing == null, "boto3 is not installed: " + missing);
        ArrayNode sent = ConformanceCases.MAPPER.createArrayNode();
        for (Case c : cases) {
            sent.addObject().put("id", c.id()).put("service", c.service()).put("operation", c.operation())
                    .set("request", c.request());
        }
        Path file = Files.createDirectories(Path.of("target", "conformance")).resolve("cases.json");
        Files.writeString(file, sent.toString(), StandardCharsets.UTF_8);
        String before = fingerprint();
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("/conformance/send_with_boto3.py")).toURI());
        Path answersFile = file.resolveSibling("boto3-answers.json");
        ExternalClients.Result result = ExternalClients.run(List.of("python3", script.toString(), server.uri().toString(),
                file.toString(), answersFile.toString()), 300);
        assertThat(result.exitCode()).as("boto3 runner: %s", result.stderr()).isZero();
        String after = fingerprint();
        Map<String, JsonNode> answers = new HashMap<>();
        ConformanceCases.MAPPER.readTree(answersFile.toFile()).forEach(a -> answers.put(a.get("id").asText(), a));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("nothing changed through all refused requests",
                () -> assertThat(after).isEqualTo(before)));
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> {
                JsonNode answer = answers.get(c.id());
                assertThat(answer).as("answer to %s", c.id()).isNotNull();
                if ("client".equals(answer.get("outcome").asText()) && clientRefusesLocally(c)
                        || notExpressibleOverHttp(c)) {
                    return;
                }
                assertThat(answer.get("outcome").asText()).as("%s: %s", c.id(), answer).isEqualTo("error");
                assertRefused(c, answer.get("status").asInt(), answer.get("code").asText(),
                        answer.get("message").asText());
            }));
        }
        return tests.stream();
    }

    /**
     * A REST payload member cannot be absent on the wire: a request without {@code Body} arrives
     * as one with an empty body, which the service cannot tell apart (checked in process only).
     */
    private static boolean notExpressibleOverHttp(Case c) {
        return c.service().equals("sagemaker-runtime") && c.path().equals("body") && c.missingRequired();
    }

    /**
     * The async client's HTTP client (Netty) refuses, before sending, a header value HTTP cannot
     * carry (a control character): nothing reaches the fake.
     */
    private static boolean nettyRefusesTheHeader(Throwable thrown) {
        return String.valueOf(thrown.getMessage()).contains("Validation failed for header");
    }

    /** A client may refuse, before sending, a request without a member that goes into the URI. */
    private static boolean clientRefusesLocally(Case c) {
        return c.service().equals("sagemaker-runtime") && c.path().equals("endpointName");
    }

    private static void assertRefused(Case c, int status, String code, String message) {
        assertThat(status).as("%s status", c.id()).isEqualTo(400);
        if (c.service().equals("cloudwatch") && c.missingRequired() && c.path().indexOf('.') < 0
                && List.of("GetMetricStatistics", "PutMetricData").contains(c.operation())) {
            assertThat(code).as("%s code", c.id()).isEqualTo("MissingParameter");
            assertThat(message).as(c.id()).isEqualTo("The parameter " + Character.toUpperCase(c.path().charAt(0))
                    + c.path().substring(1) + " is required.");
            return;
        }
        assertThat(code).as("%s code", c.id()).isEqualTo(switch (c.service()) {
            case "sagemaker-runtime", "cloudwatch" -> "ValidationError";
            default -> "ValidationException";
        });
        assertThat(message).as(c.id()).matches("\\d+ validation errors? detected: .*")
                .contains(" at '" + c.path() + "' failed to satisfy constraint: " + c.phrase());
    }

    private static SdkRequest request(Case c) {
        Service service = switch (c.service()) {
            case "sagemaker" -> Service.SAGEMAKER;
            case "sagemaker-runtime" -> Service.RUNTIME;
            case "cloudwatch" -> Service.CLOUDWATCH;
            default -> Service.AUTO_SCALING;
        };
        SdkPojo builder = service.requestBuilder(c.operation()).orElseThrow();
        // The cases name members as the model does; REST members travel under their header names.
        com.fasterxml.jackson.databind.node.ObjectNode located = ConformanceCases.MAPPER.createObjectNode();
        for (software.amazon.awssdk.core.SdkField<?> field : builder.sdkFields()) {
            if (c.request().has(field.memberName())) {
                located.set(field.locationName(), c.request().get(field.memberName()));
            }
        }
        return (SdkRequest) PojoJson.read(builder, located);
    }

    private static AwsServiceException refusal(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    /** What a refused request must leave as it was: every resource, alarm, target and policy, and the timeline. */
    private String fingerprint() {
        SageMakerClient sm = fake.sageMakerClient();
        return String.join("\n", String.valueOf(sm.listModels(b -> b.maxResults(100)).models()),
                String.valueOf(sm.listEndpoints(b -> b.maxResults(100)).endpoints()),
                String.valueOf(sm.listInferenceComponents(b -> b.maxResults(100)).inferenceComponents()),
                String.valueOf(sm.describeEndpoint(b -> b.endpointName("e"))),
                String.valueOf(sm.describeInferenceComponent(b -> b.inferenceComponentName("ic"))),
                String.valueOf(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()),
                String.valueOf(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker"))
                        .scalableTargets()),
                String.valueOf(fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker"))
                        .scalingPolicies()),
                String.valueOf(fake.timeline().events().size()));
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
