package dev.ballast;

import static dev.ballast.RollingUpdate.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.InstanceScaling;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.RoutingStrategy;
import dev.ballast.spec.Statistic;

class ComponentEndpointDslTest {

    @Test
    @DisplayName("the product card's chain builds the seed's endpoint, component and rolling update")
    void productCardShape() {
        ComponentEndpointSpec spec = SeedSpecs.seed("tok");

        assertThat(spec.name()).isEqualTo("rolling-demo");
        assertThat(spec.instanceType()).isEqualTo(InstanceType.ML_G5_2XLARGE);
        assertThat(spec.scaling()).contains(new InstanceScaling(1, 4));
        assertThat(spec.variantName()).isEqualTo("AllTraffic");
        ComponentSpec llm = spec.component("llm").orElseThrow();
        assertThat(llm.copies()).contains(2);
        assertThat(llm.accelerators()).contains(1);
        assertThat(llm.minMemoryMb()).contains(1024);
        RollingUpdateSpec update = llm.rollingUpdate().orElseThrow();
        assertThat(update.batch()).isEqualTo(Capacity.count(1));
        assertThat(update.waitInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(update.rollbackBatch()).contains(Capacity.count(1));
        assertThat(update.rollbackAlarms()).singleElement().satisfies(a -> {
            assertThat(a.metricName()).isEqualTo("Invocation4XXErrors");
            assertThat(a.statistic()).isEqualTo(Statistic.SUM);
            assertThat(a.threshold()).contains(5.0);
            assertThat(a.period()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    @DisplayName("a rolling update given right after component(..) belongs to that component only")
    void rollingUpdateBindsToTheComponentJustAdded() {
        ComponentEndpointSpec spec = SeedSpecs.endpoint()
                .component(Component.named("first").image("img").accelerators(1).memoryMb(1024).copies(1))
                .component(Component.named("second").image("img").accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)))
                .named("two-components");

        assertThat(spec.component("first").orElseThrow().rollingUpdate()).isEmpty();
        assertThat(spec.component("second").orElseThrow().rollingUpdate()).isPresent();
        assertThat(spec.components()).extracting(ComponentSpec::name).containsExactly("first", "second");
    }

    @Test
    @DisplayName("every step returns a new value: a shared step can be reused without one chain changing the other")
    void stepsAreImmutable() {
        ComponentEndpointStep base = SeedSpecs.endpoint();
        ComponentEndpointSpec small = base.component(SeedSpecs.llama("t").copies(1)).named("small");
        ComponentEndpointSpec large = base.instances(3).component(SeedSpecs.llama("t").copies(3)).named("large");

        assertThat(small.resolvedInitialInstanceCount()).isEqualTo(1);
        assertThat(small.component("llm").orElseThrow().copies()).contains(1);
        assertThat(large.resolvedInitialInstanceCount()).isEqualTo(3);
        assertThat(base.named("bare").components()).isEmpty();

        Component c = Component.named("c");
        Component withImage = c.image("img");
        assertThat(c.spec().image()).isEmpty();
        assertThat(withImage.spec().image()).contains("img");
    }

    @Test
    @DisplayName("an unnamed draft says it is not named yet and cannot be planned")
    void unnamedDraftIsNotASpec() {
        ComponentEndpointStep draft = SeedSpecs.endpoint().component(SeedSpecs.llama("t"));

        assertThat(draft).isNotInstanceOf(ComponentEndpointSpec.class);
        assertThat(draft.toString()).contains("on(\"ml.g5.2xlarge\")", "scale(1, 4)", "not named yet");
    }

    @Test
    @DisplayName("scale(4, 1) fails at that call, naming the field and the fix")
    void scaleMinAboveMaxFailsAtTheCall() {
        ComponentEndpointStep step = Endpoint.on("ml.g5.2xlarge");

        assertThatThrownBy(() -> step.scale(4, 1))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("scale = (4, 1)")
                .hasMessageContaining("min must not exceed max")
                .hasMessageContaining("scale(1, 4)");
    }

    @Test
    @DisplayName("a wait over an hour fails at wait(..)")
    void waitOutOfRangeFailsAtTheCall() {
        assertThatThrownBy(() -> batch(1).wait(Duration.ofSeconds(3601)))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.path()).isEqualTo("rollingUpdate.wait");
                            assertThat(v.rule()).contains("between 0 and 3600 s");
                            assertThat(v.fix()).contains("Duration.ofSeconds(3600)");
                        }));
    }

    @Test
    @DisplayName("a timeout below 600 s fails at timeout(..)")
    void timeoutOutOfRangeFailsAtTheCall() {
        assertThatThrownBy(() -> batch(1).wait(Duration.ZERO).timeout(Duration.ofSeconds(300)))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("between 600 and 28800 s");
    }

    @Test
    @DisplayName("the DSL and the builder give equal specs, so configuration-driven code can skip the chain")
    void builderRouteEqualsDslRoute() {
        ComponentEndpointSpec viaDsl = SeedSpecs.seed("tok");
        ComponentEndpointSpec viaBuilder = ComponentEndpointSpec.builder()
                .name("rolling-demo")
                .instanceType(InstanceType.of("ml.g5.2xlarge"))
                .scaling(new InstanceScaling(1, 4))
                .executionRoleArn(SeedSpecs.ROLE)
                .addComponent(ComponentSpec.builder()
                        .name("llm")
                        .image(SeedSpecs.IMAGE)
                        .putEnvironment("SM_NUM_GPUS", "1")
                        .putEnvironment("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .putSecretEnvironment("HF_TOKEN", Secret.of("tok"))
                        .putEnvironment("MESSAGES_API_ENABLED", "true")
                        .accelerators(1)
                        .minMemoryMb(1024)
                        .copies(2)
                        .rollingUpdate(RollingUpdateSpec.builder()
                                .batch(Capacity.count(1))
                                .waitInterval(Duration.ofSeconds(120))
                                .rollbackBatch(Capacity.count(1))
                                .addRollbackAlarm(AlarmSpec.builder().metricName("Invocation4XXErrors")
                                        .threshold(5.0).period(Duration.ofMinutes(5)).build())
                                .build())
                        .build())
                .build();

        assertThat(viaBuilder).isEqualTo(viaDsl);
        assertThat(viaBuilder.endpointConfigName()).isEqualTo(viaDsl.endpointConfigName());
    }

    @Test
    @DisplayName("the builder route validates the whole spec too")
    void builderRouteIsValidated() {
        assertThatThrownBy(() -> ComponentEndpointSpec.builder().name("x").instanceType(InstanceType.ML_G5_2XLARGE)
                .addComponent(ComponentSpec.builder().name("c").build()).build())
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).violations())
                        .extracting(v -> v.path())
                        .containsExactly("executionRole", "component[c].image", "component[c].memoryMb", "component[c].copies"));
    }

    @Test
    @DisplayName("a builder missing required attributes reports each at its path, with every other violation")
    void builderMissingRequiredAttribute() {
        assertThatThrownBy(() -> ComponentEndpointSpec.builder().executionRoleArn("bad")
                .addComponent(ComponentSpec.builder().image("img").minMemoryMb(1024).copies(1)
                        .rollingUpdate(RollingUpdateSpec.builder().build()).build())
                .build())
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("an unnamed endpoint")
                .satisfies(e -> assertThat(((SpecValidationException) e).violations()).extracting(v -> v.path())
                        .containsExactly("name", "instanceType", "executionRole", "component[0].name"));
    }

    @Test
    @DisplayName("a rollback batch of 100% is SageMaker's all-at-once default and is accepted")
    void rollbackOfEverything() {
        ComponentEndpointSpec spec = SeedSpecs.endpoint().component(SeedSpecs.llama("t").copies(3))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)).rollbackBatchPercent(100))
                .named("all-back");

        assertThat(spec.component("llm").orElseThrow().rollingUpdate().orElseThrow().rollbackBatch()).contains(Capacity.percent(100));
        assertThatThrownBy(() -> SeedSpecs.endpoint().component(SeedSpecs.llama("t").copies(3))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)).rollbackBatchPercent(80)).named("most-back"))
                .hasMessageContaining("component[llm].rollingUpdate.rollbackBatch");
    }

    @Test
    @DisplayName("defaults: variant AllTraffic, initial instances = scaling minimum (at least 1)")
    void defaults() {
        ComponentEndpointSpec scaledFromZero = Endpoint.on("ml.g5.2xlarge").scale(0, 2).executionRole(SeedSpecs.ROLE).named("zero");
        ComponentEndpointSpec fixed = Endpoint.on("ml.g5.2xlarge").executionRole(SeedSpecs.ROLE).named("fixed");
        ComponentEndpointSpec three = Endpoint.on("ml.g5.2xlarge").scale(3, 5).executionRole(SeedSpecs.ROLE).named("three");

        assertThat(scaledFromZero.resolvedInitialInstanceCount()).isEqualTo(1);
        assertThat(fixed.resolvedInitialInstanceCount()).isEqualTo(1);
        assertThat(fixed.maximumInstanceCount()).isEqualTo(1);
        assertThat(three.resolvedInitialInstanceCount()).isEqualTo(3);
        assertThat(three.maximumInstanceCount()).isEqualTo(5);
        assertThat(fixed.variantName()).isEqualTo("AllTraffic");
    }

    @Test
    @DisplayName("all endpoint options land in the spec")
    void endpointOptions() {
        ComponentEndpointSpec spec = Endpoint.on(InstanceType.ML_G6E_4XLARGE).scale(1, 2).instances(2)
                .routing(RoutingStrategy.LEAST_OUTSTANDING_REQUESTS)
                .modelDataDownloadTimeout(Duration.ofMinutes(30))
                .containerStartupHealthCheckTimeout(Duration.ofMinutes(10))
                .executionRole(SeedSpecs.ROLE)
                .vpc(List.of("subnet-0abc", "subnet-0def"), List.of("sg-0123"))
                .kmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .tag("team", "ml-platform")
                .variant("main")
                .named("options");

        assertThat(spec.routing()).contains(RoutingStrategy.LEAST_OUTSTANDING_REQUESTS);
        assertThat(spec.modelDataDownloadTimeout()).contains(Duration.ofMinutes(30));
        assertThat(spec.containerStartupHealthCheckTimeout()).contains(Duration.ofMinutes(10));
        assertThat(spec.vpc().orElseThrow().subnets()).containsExactly("subnet-0abc", "subnet-0def");
        assertThat(spec.kmsKeyId()).hasValueSatisfying(k -> assertThat(k).startsWith("arn:aws:kms"));
        assertThat(spec.tags()).containsEntry("team", "ml-platform");
        assertThat(spec.variantName()).isEqualTo("main");
        assertThat(spec.toString()).contains("variant main", "routing LEAST_OUTSTANDING_REQUESTS", "tags {team=ml-platform}");
    }

    @Test
    @DisplayName("component options land in the spec")
    void componentOptions() {
        ComponentSpec c = Component.named("emb").image("img").modelData("s3://bucket/model.tar.gz")
                .cpuCores(2).memoryMb(2048).maxMemoryMb(4096).copies(3)
                .modelDataDownloadTimeout(Duration.ofMinutes(5))
                .containerStartupHealthCheckTimeout(Duration.ofMinutes(6))
                .spec();

        assertThat(c.modelDataUrl()).contains("s3://bucket/model.tar.gz");
        assertThat(c.cpuCores()).contains(2.0);
        assertThat(c.maxMemoryMb()).contains(4096);
        assertThat(c.accelerators()).isEmpty();
        assertThat(c.modelDataDownloadTimeout()).contains(Duration.ofMinutes(5));
        assertThat(c.containerStartupHealthCheckTimeout()).contains(Duration.ofMinutes(6));
    }

    @Test
    @DisplayName("alarms are named <endpoint>-<component>-<metric> unless named explicitly")
    void alarmNaming() {
        AlarmSpec automatic = SeedSpecs.alarm().spec();
        AlarmSpec explicit = SeedSpecs.alarm().named("SageMaker-rolling-demo-4xx-errors").spec();

        assertThat(automatic.resolvedName("rolling-demo", "llm")).isEqualTo("rolling-demo-llm-invocation4xxerrors");
        assertThat(explicit.resolvedName("rolling-demo", "llm")).isEqualTo("SageMaker-rolling-demo-4xx-errors");
        assertThat(automatic.resolvedDescription("llm"))
                .isEqualTo("Ballast rollback alarm: Invocation4XXErrors Sum > 5 over 1 x 300 s for inference component llm");
    }

    @Test
    @DisplayName("alarm DSL: comparisons, statistics, periods and custom metrics")
    void alarmOptions() {
        AlarmSpec latency = Alarm.modelLatency().atOrAbove(2_000_000).per(Duration.ofMinutes(1))
                .evaluationPeriods(3).datapointsToAlarm(2).spec();
        AlarmSpec custom = Alarm.metric("QueueDepth").namespace("MyApp").dimension("Queue", "main").below(1)
                .statistic(Statistic.MINIMUM).spec();

        assertThat(latency.statistic()).isEqualTo(Statistic.AVERAGE);
        assertThat(latency.comparison().awsName()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(latency.toString()).isEqualTo("Alarm{ModelLatency Average >= 2000000 per 60 s x 3, 2 to alarm}");
        assertThat(custom.namespace()).isEqualTo("MyApp");
        assertThat(custom.dimensions()).containsEntry("Queue", "main");
        assertThat(custom.comparison().awsName()).isEqualTo("LessThanThreshold");
        assertThat(Alarm.invocation5xxErrors().atOrBelow(0).spec().comparison().awsName()).isEqualTo("LessThanOrEqualToThreshold");
    }

    @Test
    @DisplayName("rollbackOn accumulates alarms, and percentages become CAPACITY_PERCENT sizes")
    void rollingUpdateOptions() {
        RollingUpdateSpec r = RollingUpdate.batchPercent(25).wait(Duration.ofMinutes(2)).rollbackBatchPercent(50)
                .timeout(Duration.ofHours(1))
                .rollbackOn(Alarm.invocation4xxErrors().above(5))
                .rollbackOn(Alarm.invocation5xxErrors().above(1), Alarm.modelLatency().above(1e6))
                .spec();

        assertThat(r.batch()).isEqualTo(Capacity.percent(25));
        assertThat(r.rollbackBatch()).contains(Capacity.percent(50));
        assertThat(r.maximumExecutionTimeout()).contains(Duration.ofHours(1));
        assertThat(r.rollbackAlarms()).extracting(AlarmSpec::metricName)
                .containsExactly("Invocation4XXErrors", "Invocation5XXErrors", "ModelLatency");
        assertThat(Capacity.percent(25).resolve(3)).isEqualTo(1);
        assertThat(Capacity.percent(25).resolve(8)).isEqualTo(2);
        assertThat(Capacity.count(2).resolve(100)).isEqualTo(2);
    }

    @Test
    @DisplayName("a rolling update's batch size and batch count follow the copy count; rollback alarms are named per component")
    void batchesAndAlarmNames() {
        RollingUpdateSpec quarter = RollingUpdate.batchPercent(25).wait(Duration.ZERO).spec();
        RollingUpdateSpec three = batch(3).wait(Duration.ZERO).spec();

        assertThat(quarter.batchSize(10)).isEqualTo(2);
        assertThat(quarter.batches(10)).isEqualTo(5);
        assertThat(quarter.batchSize(3)).isEqualTo(1);
        assertThat(three.batches(4)).isEqualTo(2);
        assertThat(SeedSpecs.seed("t").rollbackAlarmNames("llm")).containsExactly("rolling-demo-llm-invocation4xxerrors");
        assertThat(SeedSpecs.seed("t").rollbackAlarmNames("other")).isEmpty();
    }

    @Test
    @DisplayName("spec toString reads as the deployment, one component per line")
    void readableToString() {
        assertThat(SeedSpecs.seed("tok").toString()).isEqualTo(
                "Endpoint{rolling-demo on ml.g5.2xlarge, instances 1, scale 1..4, role " + SeedSpecs.ROLE + ",\n"
                        + "  Component{llm, image " + SeedSpecs.IMAGE + ", env {SM_NUM_GPUS=1, HF_MODEL_ID=meta-llama/Llama-3.1-8B-Instruct,"
                        + " MESSAGES_API_ENABLED=true, HF_TOKEN=****}, accelerators 1, memory 1024 MiB, copies 2,"
                        + " RollingUpdate{batch 1, wait 120 s, rollback batch 1, rollback on [Alarm{Invocation4XXErrors Sum > 5 per 300 s}]}}}");
    }
}
