package dev.ballast.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

import dev.ballast.aws.AwsTransport;
import dev.ballast.aws.DemoSpec;
import dev.ballast.aws.WireClients;
import dev.ballast.transport.internal.Requests;
import dev.ballast.engine.Planner;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spi.Transport;

/** The recording decorator keeps every call in order; its dry run sends only what reads. */
class RecordingTransportTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final DescribeEndpointRequest DESCRIBE = DescribeEndpointRequest.builder().endpointName("demo").build();

    @Test
    @DisplayName("calls are recorded in order with their responses, and a failure is recorded and rethrown unchanged")
    void recordsInOrder() {
        IllegalStateException boom = new IllegalStateException("boom");
        Transport fake = request -> {
            if (request instanceof CreateEndpointRequest) {
                throw boom;
            }
            return DescribeEndpointResponse.builder().endpointStatus(EndpointStatus.IN_SERVICE).build();
        };
        RecordingTransport recorder = RecordingTransport.recording(fake);
        CreateEndpointRequest create = CreateEndpointRequest.builder().endpointName("demo").endpointConfigName("c").build();

        recorder.execute(DESCRIBE);
        Throwable thrown = catchThrowable(() -> recorder.execute(create));
        recorder.execute(DESCRIBE);

        assertThat(thrown).isSameAs(boom);
        assertThat(recorder.calls()).extracting(RecordedCall::operation)
                .containsExactly("DescribeEndpoint", "CreateEndpoint", "DescribeEndpoint");
        assertThat(recorder.calls()).extracting(RecordedCall::sequence).containsExactly(1L, 2L, 3L);
        assertThat(recorder.calls().get(0).response()).get().isInstanceOf(DescribeEndpointResponse.class);
        assertThat(recorder.calls().get(1).request()).isSameAs(create);
        assertThat(recorder.calls().get(1).failure()).containsSame(boom);
        assertThat(recorder.calls()).allMatch(RecordedCall::sent);
        assertThat(recorder.unsent()).isEmpty();
    }

    @Test
    @DisplayName("a dry run answers the plan's mutating calls without sending them, and passes Describe through to AWS")
    void dryRunSendsOnlyReads() {
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeEndpoint"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"EndpointName\":\"demo\",\"EndpointStatus\":\"InService\"}")));
        RecordingTransport dryRun = RecordingTransport.dryRun(WireClients.transport(wm.baseUrl()));
        Plan plan = Planner.create(DemoSpec.spec("hf_x"));

        List<SdkResponse> answers = new ArrayList<>();
        for (ApiCall call : plan.calls()) {
            answers.add(dryRun.execute(call.request()));
        }
        DescribeEndpointResponse described = (DescribeEndpointResponse) dryRun.execute(DESCRIBE);

        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).as("only the describe reached the wire").hasSize(1);
        assertThat(described.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(answers).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("CreateEndpointConfigResponse", "CreateEndpointResponse", "PutMetricAlarmResponse",
                        "CreateInferenceComponentResponse");
        assertThat(((CreateInferenceComponentResponse) answers.get(3)).inferenceComponentArn()).isNull();
        assertThat(dryRun.unsent()).hasSize(plan.calls().size());
        assertThat(dryRun.calls()).last().satisfies(c -> assertThat(c.sent()).isTrue());
    }

    @Test
    @DisplayName("a dry run can answer every mutating operation the AWS transport supports with its own response type")
    void dryRunAnswersEveryMutatingOperation() throws ReflectiveOperationException {
        RecordingTransport dryRun = RecordingTransport.dryRun(request -> {
            throw new AssertionError("sent " + Requests.operation(request));
        });
        int mutating = 0;
        for (Class<? extends SdkRequest> type : AwsTransport.supportedRequestTypes()) {
            SdkRequest request = (SdkRequest) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) type.getMethod("builder")
                    .invoke(null)).build();
            if (Requests.isReadOnly(request)) {
                continue;
            }
            mutating++;
            SdkResponse response = dryRun.execute(request);
            assertThat(response.getClass().getSimpleName()).isEqualTo(Requests.operation(request) + "Response");
        }
        assertThat(mutating).as("Create/Update/Delete/Put/Set/Register/Deregister/AddTags operations").isGreaterThanOrEqualTo(20);
        assertThat(dryRun.unsent()).hasSize(mutating);
    }

    @Test
    @DisplayName("concurrent calls are all recorded, each once, numbered without gaps")
    void threadSafe() throws Exception {
        RecordingTransport recorder = RecordingTransport.recording(request -> CreateEndpointResponse.builder().build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        recorder.execute(DESCRIBE);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RecordedCall> calls = recorder.calls();
        assertThat(calls).hasSize(1600);
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).sequence()).isEqualTo(i + 1L);
        }
    }

    @Test
    @DisplayName("a recorded call prints its operation, resource and outcome, never the SDK request with its secret")
    void recordedCallHidesSecrets() {
        ApiCall call = DemoSpec.call(Planner.create(DemoSpec.spec("hf_recorded_canary")), "CreateInferenceComponent");
        RecordingTransport dryRun = RecordingTransport.dryRun(request -> {
            throw new AssertionError("sent");
        });

        dryRun.execute(call.request());

        assertThat(dryRun.calls().toString())
                .contains("#1 SageMaker.CreateInferenceComponent inference-component/llm: ok (dry run, not sent)")
                .doesNotContain("hf_recorded_canary");
        assertThat(call.request().toString()).as("the SDK's own rendering would leak it").contains("hf_recorded_canary");
    }
}
