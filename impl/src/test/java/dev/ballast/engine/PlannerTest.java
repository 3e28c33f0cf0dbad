package dev.ballast.engine;

import static dev.ballast.RollingUpdate.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.error.SpecValidationException;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.MissingData;
import dev.ballast.spec.RoutingStrategy;

class PlannerTest {

    private static final String ROLE = NotebookSpecs.ROLE;

    private static Component model(String name, int copies) {
        return Component.named(name).image("img").accelerators(1).memoryMb(1024).copies(copies);
    }

    @Test
    @DisplayName("an endpoint without components plans only its configuration and itself")
    void endpointOnly() {
        Plan plan = Planner.create(Endpoint.on("ml.g5.2xlarge").executionRole(ROLE).named("bare"));

        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.calls()).extracting(ApiCall::operation).containsExactly("CreateEndpointConfig", "CreateEndpoint");
    }

    @Test
    @DisplayName("several components: all alarms first, one wait for the endpoint, then each component and its wait")
    void severalComponents() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                .component(model("a", 2)).rollingUpdate(batch(1).wait(Duration.ZERO).rollbackOn(Alarm.invocation5xxErrors().above(0)))
                .component(model("b", 1))
                .named("multi");

        assertThat(Planner.create(spec).steps()).extracting(Object::toString).satisfiesExactly(
                s -> assertThat(s).startsWith("SageMaker.CreateEndpointConfig"),
                s -> assertThat(s).startsWith("SageMaker.CreateEndpoint "),
                s -> assertThat(s).startsWith("CloudWatch.PutMetricAlarm").contains("multi-a-invocation5xxerrors"),
                s -> assertThat(s).startsWith("wait until endpoint/multi is InService"),
                s -> assertThat(s).startsWith("SageMaker.CreateInferenceComponent").contains("\"InferenceComponentName\":\"a\""),
                s -> assertThat(s).startsWith("wait until inference-component/a is InService"),
                s -> assertThat(s).startsWith("SageMaker.CreateInferenceComponent").contains("\"InferenceComponentName\":\"b\""),
                s -> assertThat(s).startsWith("wait until inference-component/b is InService"));
    }

    @Test
    @DisplayName("a component with no copies cannot be created: the plan is refused before any call")
    void noCopiesOnCreate() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").executionRole(ROLE).component(model("idle", 0)).named("scaled-to-zero");

        assertThatThrownBy(() -> Planner.create(spec))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).violations()).singleElement().satisfies(v -> {
                    assertThat(v.path()).isEqualTo("component[idle].copies");
                    assertThat(v.rule()).contains("must be at least 1 when the component is created");
                }));
    }

    @Test
    @DisplayName("every endpoint option reaches CreateEndpointConfig and CreateEndpoint")
    void endpointOptionsCompile() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g6e.4xlarge").scale(1, 3)
                .routing(RoutingStrategy.LEAST_OUTSTANDING_REQUESTS)
                .executionRole(ROLE)
                .vpc(List.of("subnet-1"), List.of("sg-1"))
                .kmsKey("alias/ballast")
                .tag("team", "ml")
                .variant("main")
                .named("opts");
        List<ApiCall> calls = Planner.create(spec).calls();
        CreateEndpointConfigRequest config = (CreateEndpointConfigRequest) calls.get(0).request();

        assertThat(config.productionVariants()).singleElement().satisfies(v -> {
            assertThat(v.variantName()).isEqualTo("main");
            assertThat(v.instanceTypeAsString()).isEqualTo("ml.g6e.4xlarge");
            assertThat(v.initialInstanceCount()).isEqualTo(1);
            assertThat(v.routingConfig().routingStrategyAsString()).isEqualTo("LEAST_OUTSTANDING_REQUESTS");
            assertThat(v.managedInstanceScaling().maxInstanceCount()).isEqualTo(3);
            assertThat(v.modelName()).isNull();
        });
        assertThat(config.vpcConfig().subnets()).containsExactly("subnet-1");
        assertThat(config.kmsKeyId()).isEqualTo("alias/ballast");
        assertThat(config.tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("team"));
        assertThat(calls.get(1).requestJsonCompact()).contains("\"Tags\":[{\"Key\":\"team\",\"Value\":\"ml\"}]");
    }

    @Test
    @DisplayName("component options reach the specification: model data, CPU, memory cap and start-up timeouts")
    void componentOptionsCompile() {
        ComponentEndpointSpec spec = Endpoint.on("ml.m5.4xlarge").executionRole(ROLE)
                .component(Component.named("cpu").image("img").modelData("s3://b/m.tar.gz").cpuCores(2)
                        .memoryMb(2048).maxMemoryMb(4096).copies(2)
                        .modelDataDownloadTimeout(Duration.ofMinutes(5)).containerStartupHealthCheckTimeout(Duration.ofMinutes(7)))
                .named("cpu-endpoint");
        CreateInferenceComponentRequest create = (CreateInferenceComponentRequest) Planner.create(spec).calls().get(2).request();

        assertThat(create.specification().container().artifactUrl()).isEqualTo("s3://b/m.tar.gz");
        assertThat(create.specification().computeResourceRequirements().numberOfCpuCoresRequired()).isEqualTo(2.0f);
        assertThat(create.specification().computeResourceRequirements().numberOfAcceleratorDevicesRequired()).isNull();
        assertThat(create.specification().computeResourceRequirements().maxMemoryRequiredInMb()).isEqualTo(4096);
        assertThat(create.specification().startupParameters().modelDataDownloadTimeoutInSeconds()).isEqualTo(300);
        assertThat(create.specification().startupParameters().containerStartupHealthCheckTimeoutInSeconds()).isEqualTo(420);
        assertThat(create.specification().container().hasEnvironment()).isFalse();
    }

    @Test
    @DisplayName("a component update carries percentages as CAPACITY_PERCENT, the timeout, and every rollback alarm")
    void updateWithPercentages() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.12xlarge").scale(1, 8).executionRole(ROLE)
                .component(model("llm", 10))
                .rollingUpdate(dev.ballast.RollingUpdate.batchPercent(20).wait(Duration.ofMinutes(5)).rollbackBatchPercent(50)
                        .timeout(Duration.ofHours(2))
                        .rollbackOn(Alarm.invocation4xxErrors().above(5), Alarm.modelLatency().above(2e6).treatMissingData(MissingData.NOT_BREACHING)))
                .named("pct");
        Plan plan = Planner.updateComponent(spec, "llm");
        UpdateInferenceComponentRequest update = (UpdateInferenceComponentRequest) plan.calls().get(2).request();

        assertThat(plan.calls()).extracting(ApiCall::service)
                .containsExactly(AwsService.CLOUDWATCH, AwsService.CLOUDWATCH, AwsService.SAGEMAKER);
        assertThat(update.deploymentConfig().rollingUpdatePolicy().maximumBatchSize().typeAsString()).isEqualTo("CAPACITY_PERCENT");
        assertThat(update.deploymentConfig().rollingUpdatePolicy().maximumBatchSize().value()).isEqualTo(20);
        assertThat(update.deploymentConfig().rollingUpdatePolicy().rollbackMaximumBatchSize().value()).isEqualTo(50);
        assertThat(update.deploymentConfig().rollingUpdatePolicy().maximumExecutionTimeoutInSeconds()).isEqualTo(7200);
        assertThat(update.deploymentConfig().autoRollbackConfiguration().alarms()).extracting(a -> a.alarmName())
                .containsExactly("pct-llm-invocation4xxerrors", "pct-llm-modellatency");
        assertThat(update.runtimeConfig()).isNull();
        PutMetricAlarmRequest latency = (PutMetricAlarmRequest) plan.calls().get(1).request();
        assertThat(latency.statisticAsString()).isEqualTo("Average");
        assertThat(latency.treatMissingData()).isEqualTo("notBreaching");
        assertThat(latency.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).isEqualTo("llm"));
    }

    @Test
    @DisplayName("without a rolling policy the update sends no DeploymentConfig and says SageMaker chooses")
    void updateWithoutPolicy() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole(ROLE).component(model("llm", 1)).named("nopolicy");
        Plan plan = Planner.updateComponent(spec, "llm");

        assertThat(plan.calls()).singleElement().satisfies(c -> {
            assertThat(((UpdateInferenceComponentRequest) c.request()).deploymentConfig()).isNull();
            assertThat(c.reason()).contains("SageMaker chooses");
        });
    }

    @Test
    @DisplayName("a copy-count change alone is UpdateInferenceComponentRuntimeConfig and nothing else")
    void scaleOnly() {
        Plan plan = Planner.scaleComponent(NotebookSpecs.llama("t"), NotebookSpecs.COMPONENT);

        assertThat(plan.calls()).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo("SageMaker.UpdateInferenceComponentRuntimeConfig");
            assertThat(((UpdateInferenceComponentRuntimeConfigRequest) c.request()).desiredRuntimeConfig().copyCount()).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("planning an unknown component names the components the endpoint has")
    void unknownComponent() {
        assertThatThrownBy(() -> Planner.updateComponent(NotebookSpecs.llama("t"), "llm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no component 'llm'")
                .hasMessageContaining(NotebookSpecs.COMPONENT);
    }

    @Test
    @DisplayName("plan.toJson() is one JSON array of calls and waits, with the service's field names")
    void planAsJson() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Planner.create(NotebookSpecs.llama("t0ken")).toJson());

        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(6);
        assertThat(json.get(0).get("Call").asText()).isEqualTo("SageMaker.CreateEndpointConfig");
        assertThat(json.get(3).get("Await").asText()).isEqualTo("endpoint/rolling-demo-endpoint");
        assertThat(json.get(4).at("/Request/Specification/Container/Environment/HF_TOKEN").asText()).isEqualTo("****");
        assertThat(json.get(4).at("/Request/RuntimeConfig/CopyCount").asInt()).isEqualTo(2);
    }
}
