package dev.ballast.engine.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

import dev.ballast.aws.internal.Routes;
import dev.ballast.engine.internal.call.CallKinds.Kind;

/** The one table of what each call is, for retries. */
class CallKindsTest {

    private static String operation(Class<?> requestType) {
        return requestType.getSimpleName().replaceFirst("Request$", "");
    }

    private static Map<String, Kind> kinds() {
        return CallKinds.all().entrySet().stream().collect(Collectors.toMap(e -> operation(e.getKey()), e -> e.getValue().kind(),
                (a, b) -> a, TreeMap::new));
    }

    @Test
    @DisplayName("every request the AWS transport routes has a row, and every row a route")
    void everyRouteIsClassified() {
        assertThat(CallKinds.all().keySet()).containsExactlyInAnyOrderElementsOf(Routes.all().keySet());
    }

    private static java.util.List<String> of(Kind kind) {
        return kinds().entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey).toList();
    }

    @Test
    @DisplayName("the table: reads, repeatable calls, creates, updates, and the invocation that is sent once")
    void table() {
        assertThat(of(Kind.REPEATABLE)).containsExactlyInAnyOrder(
                "PutMetricAlarm", "DeleteAlarms", "SetAlarmState", "DeleteModel", "DeleteEndpointConfig", "DeleteEndpoint",
                "DeleteInferenceComponent", "AddTags", "DeleteTags", "RegisterScalableTarget", "PutScalingPolicy",
                "DeregisterScalableTarget", "DeleteScalingPolicy", "UpdateEndpointWeightsAndCapacities");
        assertThat(of(Kind.CREATE)).containsExactlyInAnyOrder(
                "CreateModel", "CreateEndpointConfig", "CreateEndpoint", "CreateInferenceComponent");
        assertThat(of(Kind.UPDATE)).containsExactlyInAnyOrder(
                "UpdateEndpoint", "UpdateInferenceComponent", "UpdateInferenceComponentRuntimeConfig");
        assertThat(of(Kind.ONCE)).containsExactly("InvokeEndpoint");
        assertThat(of(Kind.READ))
                .allMatch(op -> op.startsWith("Describe") || op.startsWith("List") || op.startsWith("GetMetric"));
    }

    @Test
    @DisplayName("deletes count as done when the resource is gone; every repeatable call has an empty answer of its own type")
    void deletesAndAnswers() {
        CallKinds.all().forEach((type, row) -> {
            String op = operation(type);
            assertThat(row.goneIsDone()).as(op).isEqualTo(op.startsWith("Delete") && !op.equals("DeleteTags") || op.equals("DeregisterScalableTarget"));
            if (row.kind() == Kind.REPEATABLE) {
                assertThat(row.done().get().getClass().getName()).as(op).isEqualTo(type.getName().replaceFirst("Request$", "Response"));
            }
        });
        assertThat(CallKinds.all().entrySet()).filteredOn(e -> e.getValue().check().isPresent()).extracting(e -> operation(e.getKey()))
                .containsExactlyInAnyOrder("DeleteEndpoint", "DeleteInferenceComponent", "UpdateEndpointWeightsAndCapacities");
    }

    @Test
    @DisplayName("a request outside the table is sent once (PutMetricData would add its samples twice)")
    void unknownIsOnce() {
        SdkRequest unknown = PutMetricDataRequest.builder().namespace("n").build();

        assertThat(CallKinds.of(unknown).kind()).isEqualTo(Kind.ONCE);
        assertThat(Set.of(Kind.READ, Kind.REPEATABLE)).allMatch(Kind::safeToRepeat);
        assertThat(Set.of(Kind.CREATE, Kind.UPDATE, Kind.ONCE)).noneMatch(Kind::safeToRepeat);
    }
}
