package dev.ballast.testkit.http;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.DataCapture;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.TrafficShift;
import dev.ballast.Variant;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.utils.SdkAutoCloseable;

@DisplayName("The Ballast engine deploys through AwsTransport and the real SDK clients over HTTP to the fake")
class EngineOverHttpTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private final List<SdkAutoCloseable> clients = new ArrayList<>();
    private AwsTransport transport;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        server = FakeServer.builder(fake).build().start();
        transport = SdkClients.awsTransport(server, clients);
    }

    @AfterEach
    void stop() {
        transport.close();
        // the transport leaves the clients it was given open
        clients.forEach(SdkAutoCloseable::close);
        server.close();
        fake.close();
    }

    private static ComponentEndpointSpec notebook(String modelId) {
        Component llm = Component.named("llm")
                .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0")
                .env("SM_NUM_GPUS", "1").env("HF_MODEL_ID", modelId).env("MESSAGES_API_ENABLED", "true")
                .accelerators(1).memoryMb(1024).copies(2);
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(llm)
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named("rolling-demo");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} lost once")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CreateEndpointConfig", "CreateEndpoint", "PutMetricAlarm",
            "CreateInferenceComponent", "UpdateInferenceComponent", "UpdateEndpoint", "DeleteEndpointConfig", "AddTags",
            "DeleteInferenceComponent", "DeleteEndpoint", "DeleteAlarms"})
    @DisplayName("a mutating call lost on the way (the connection dropped, no answer): nothing duplicated, nothing leaked")
    void lostMutatingCall(String operation) {
        BallastEngine ballast = fake.engineBuilder().transport(transport).build();
        server.faults().drop(operation, 1);
        ComponentEndpointSpec llama = notebook("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(ballast.apply(llama).await()).as("create").isSucceeded();
        ComponentEndpointSpec deepSeek = notebook("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        assertThat(ballast.apply(deepSeek).await()).as("update").isSucceeded();
        ComponentEndpointSpec scaled = dev.ballast.Endpoint.on("ml.g5.2xlarge").scale(1, 6).instances(2)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(dev.ballast.Component.named("llm")
                        .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0")
                        .env("SM_NUM_GPUS", "1").env("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
                        .env("MESSAGES_API_ENABLED", "true").accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named("rolling-demo");
        assertThat(ballast.apply(scaled).await()).as("new configuration version").isSucceeded();
        var sm = fake.sageMakerClient();
        assertThat(sm.listInferenceComponents(b -> { }).inferenceComponents()).hasSize(1);
        assertThat(sm.listEndpointConfigs(b -> { }).endpointConfigs()).singleElement()
                .satisfies(c -> assertThat(c.endpointConfigName()).isEqualTo(scaled.endpointConfigName()));
        assertThat(ballast.delete(scaled).await()).as("delete").isSucceeded();
        assertThat(sm.listEndpoints(b -> { }).endpoints()).isEmpty();
        assertThat(sm.listEndpointConfigs(b -> { }).endpointConfigs()).isEmpty();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
        assertThat(server.faults().remaining(operation)).as("the fault was met").isZero();
    }

    @Test
    @DisplayName("two engines racing to create the endpoint over HTTP: one proceeds, the other ends with a Conflict")
    void racingEnginesOverHttp() {
        BallastEngine one = fake.engineBuilder().transport(transport).build();
        BallastEngine other = fake.engineBuilder().transport(transport).build();
        dev.ballast.Deployment first = one.apply(notebook("meta-llama/Llama-3.1-8B-Instruct"));
        dev.ballast.Deployment second = other.apply(notebook("deepseek-ai/DeepSeek-R1-Distill-Llama-8B"));
        List<Outcome> outcomes = List.of(first.await(), second.await());

        assertThat(outcomes).filteredOn(Outcome.Succeeded.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Outcome.Failed.class::isInstance).singleElement()
                .satisfies(o -> assertThat(((Outcome.Failed) o).reason()).startsWith("Conflict: endpoint 'rolling-demo'"));
        assertThat(fake.sageMakerClient().listEndpointConfigs(b -> { }).endpointConfigs())
                .as("one configuration, no lease left").singleElement()
                .satisfies(c -> assertThat(c.endpointConfigName()).doesNotContain("-lease-"));
    }

    @Test
    @DisplayName("the notebook's create and rolling update both succeed, with every call crossing the wire")
    void createAndRollingUpdate() {
        BallastEngine ballast = fake.engineBuilder().transport(transport).build();

        Outcome created = ballast.apply(notebook("meta-llama/Llama-3.1-8B-Instruct")).await();
        Outcome updated = ballast.apply(notebook("deepseek-ai/DeepSeek-R1-Distill-Llama-8B")).await();

        assertThat(created).isSucceeded();
        assertThat(created.summary()).contains("created inference-component/llm");
        assertThat(updated).isSucceeded();
        assertThat(updated.summary()).contains("updated inference-component/llm");
        assertThat(fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm")))
                .satisfies(ic -> {
                    assertThat(ic.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
                    assertThat(ic.specification().container().environment())
                            .containsEntry("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
                });
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isNotEmpty();
    }

    private static VariantEndpointSpec abTest(String v2Model, int instances, BlueGreen policy) {
        String role = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
        String image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311";
        return Endpoint.serving(
                        Variant.named("model-v1-variant").model(Model.named("my-model-v1").image(image).executionRole(role)
                                .secretEnv("API_TOKEN", "wire-secret")).on("ml.m5.xlarge").instances(instances).weight(0.9)
                                .autoScaling(AutoScaling.between(instances, 4).invocationsPerInstance(100)),
                        Variant.named("model-v2-variant").model(Model.named(v2Model).image(image).executionRole(role))
                                .on("ml.m5.xlarge").instances(instances).weight(0.1))
                .dataCapture(DataCapture.to("s3://my-sagemaker-data-capture-bucket/").sampling(50))
                .update(policy.rollbackOn(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1))))
                .named("my-model-endpoint");
    }

    @Test
    @DisplayName("model variants over the wire: create with auto scaling, a canary blue/green update, a checked traffic shift")
    void modelVariantsCanaryAndShift() {
        BallastEngine ballast = fake.engineBuilder().transport(transport).build();
        BlueGreen canary = BlueGreen.canaryInstances(1).bake(Duration.ofMinutes(5)).timeout(Duration.ofMinutes(40));

        Outcome created = ballast.apply(abTest("my-model-v2", 2, canary)).await();
        Outcome updated = ballast.apply(abTest("my-model-v2-1", 2, canary)).await();
        Outcome shifted = ballast.shiftTraffic(TrafficShift.of(abTest("my-model-v2-1", 2, canary)).to("model-v2-variant")
                .steps(50, 100).waitEach(Duration.ofMinutes(2))
                .checkMetric(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1)))).await();

        assertThat(created).isSucceeded();
        assertThat(created.summary()).contains("created model/my-model-v1", "registered scalable-target/endpoint/my-model-endpoint/variant/model-v1-variant");
        assertThat(updated).isSucceeded();
        assertThat(shifted).isSucceeded();
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName("my-model-endpoint")).productionVariants())
                .filteredOn(v -> v.variantName().equals("model-v2-variant")).singleElement()
                .satisfies(v -> assertThat(v.currentWeight()).isEqualTo(1.0f));
        assertThat(fake.sageMakerClient().describeModel(b -> b.modelName("my-model-v1")).primaryContainer().environment())
                .containsEntry("API_TOKEN", "wire-secret");
    }

    @Test
    @DisplayName("a fleet over the wire: the shared sweeps' LastModifiedTimeAfter, the account listing's paging, the heartbeat and batched reads all pass through the SDK's marshalling")
    void fleetOverTheWire() {
        List<software.amazon.awssdk.core.SdkRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.ballast.spi.Transport recorded = request -> {
            sent.add(request);
            return transport.execute(request);
        };
        BallastEngine ballast = fake.engineBuilder().transport(recorded).build();
        List<ComponentEndpointSpec> v1 = new ArrayList<>();
        List<ComponentEndpointSpec> v2 = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            v1.add(fleetMember("wire-" + i, "org/a"));
            v2.add(fleetMember("wire-" + i, "org/b"));
        }

        dev.ballast.FleetDeployment.Summary created = ballast.applyAll(v1, dev.ballast.FleetDeployment.Policy.defaults()).await();
        dev.ballast.FleetDeployment.Summary rolled = ballast.applyAll(v2, dev.ballast.FleetDeployment.Policy.defaults()).await();

        assertThat(created.counts()).as(created.outcomes().toString()).isEqualTo(java.util.Map.of("SUCCEEDED", 6));
        assertThat(rolled.counts()).as(rolled.outcomes().toString()).isEqualTo(java.util.Map.of("SUCCEEDED", 6));
        var sm = fake.sageMakerClient();
        for (int i = 0; i < 6; i++) {
            String component = "wire-" + i + "-llm";
            assertThat(sm.describeInferenceComponent(b -> b.inferenceComponentName(component)).specification().container()
                    .environment()).containsEntry("HF_MODEL_ID", "org/b");
        }
        // what went over the wire: sweeps of what changed, one unfiltered account listing, the heartbeat's renewals
        assertThat(sent).anyMatch(r -> r instanceof software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest l
                && l.lastModifiedTimeAfter() != null);
        assertThat(sent).anyMatch(r -> r instanceof software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest l
                && l.nameContains() == null);
        assertThat(sent).anyMatch(r -> r instanceof software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest c
                && c.endpointConfigName().startsWith("ballast-heartbeat-"));
        // leases and the heartbeat are gone: only the endpoints' own configurations remain
        assertThat(sm.listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs()).hasSize(6)
                .noneMatch(c -> c.endpointConfigName().contains("-lease-") || c.endpointConfigName().startsWith("ballast-heartbeat-"));
    }

    private static ComponentEndpointSpec fleetMember(String name, String model) {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(Component.named(name + "-llm").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                        .env("HF_MODEL_ID", model).accelerators(1).memoryMb(1024).copies(1))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)))
                .named(name);
    }
}
