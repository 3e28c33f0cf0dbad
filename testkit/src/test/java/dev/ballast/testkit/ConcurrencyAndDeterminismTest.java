package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

class ConcurrencyAndDeterminismTest {

    private static final int THREADS = 8;
    private static final int CALLS = 100;

    private static List<Object> runAll(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Object>> futures = pool.invokeAll(tasks, 60, TimeUnit.SECONDS);
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("several threads on one world, lose nothing")
    void severalThreadsOnOneWorldLoseNothing() throws Exception {
        FakeSageMaker fake = FakeSageMaker.create();
        Fixtures.icEndpoint(fake, "ep", "ml.g5.48xlarge", 2, 1, 4);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> creators = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String name = "ic-" + t;
            creators.add(() -> {
                start.await();
                Fixtures.createComponent(fake, name, "ep", Fixtures.llm("m"), 2);
                return Fixtures.component(fake, name).inferenceComponentStatus();
            });
        }
        // one more thread moves the clock while the others create
        creators.add(() -> {
            start.await();
            for (int i = 0; i < 50; i++) {
                fake.clock().advance(Duration.ofSeconds(1));
            }
            return null;
        });
        start.countDown();
        runAll(creators);

        for (int t = 0; t < THREADS; t++) {
            assertThat(Fixtures.awaitComponent(fake, "ic-" + t, InferenceComponentStatus.IN_SERVICE)).isTrue();
        }
        assertThat(fake.sageMakerClient().listInferenceComponents(b -> b.maxResults(100)).inferenceComponents())
                .hasSize(THREADS);
        assertThat(fake.timeline().eventsOf(Kind.CREATED).stream()
                .filter(e -> e.resourceType() == TimelineEvent.ResourceType.INFERENCE_COMPONENT)).hasSize(THREADS);

        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("count").namespace("AWS/SageMaker")
                .metricName("Invocations").statistic(Statistic.SUM).period(60).evaluationPeriods(1)
                .threshold((double) THREADS * CALLS - 1).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic")));
        AtomicInteger answered = new AtomicInteger();
        List<Callable<Object>> invokers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String name = "ic-" + t;
            invokers.add(() -> {
                for (int i = 0; i < CALLS; i++) {
                    fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName(name)
                            .body(SdkBytes.fromUtf8String("{\"messages\":[]}")));
                    answered.incrementAndGet();
                    Fixtures.component(fake, name);
                }
                return null;
            });
        }
        runAll(invokers);
        fake.clock().advance(Duration.ofMinutes(1));

        assertThat(answered.get()).isEqualTo(THREADS * CALLS);
        MetricAlarm alarm = fake.cloudWatchClient().describeAlarms(b -> b.alarmNames("count")).metricAlarms().get(0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).contains("[" + THREADS * CALLS + ".0]");
    }

    private static List<TimelineEvent> notebookUntilRollback(long seed) {
        FakeSageMaker fake = FakeSageMaker.builder().seed(seed).build();
        NotebookScenario nb = new NotebookScenario(fake);
        nb.createEndpoint();
        nb.waitForEndpoint();
        nb.createComponent();
        nb.waitForComponent();
        nb.createAlarm();
        nb.update(false);
        while (nb.componentStatus() == InferenceComponentStatus.UPDATING) {
            try {
                nb.invoke();
            } catch (ModelErrorException e) {
                // the notebook prints "invocation failed"
            }
            fake.clock().advance(Duration.ofSeconds(10));
        }
        return fake.timeline().events();
    }

    @Test
    @DisplayName("sameInputs: give the same timeline")
    void sameInputsGiveTheSameTimeline() {
        List<TimelineEvent> first = notebookUntilRollback(7);
        List<TimelineEvent> second = notebookUntilRollback(7);
        assertThat(second).isEqualTo(first);
        assertThat(first).anyMatch(e -> e.kind() == Kind.ROLLBACK_FINISHED);
    }
}
