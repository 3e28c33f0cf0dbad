package dev.ballast.engine.internal.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

/**
 * What each call is, for retries: one row per request class, and the only place that says it.
 * The engine's retry layer reads a call's {@link Kind} from here, never from its name.
 *
 * <table>
 * <caption>The kinds of call</caption>
 * <tr><th>kind</th><th>calls</th><th>on throttling, a 5xx or a lost answer</th></tr>
 * <tr><td>{@link Kind#READ}</td><td>{@code Describe*}, {@code List*}, {@code GetMetricStatistics}</td>
 *     <td>sent again, within the retry budget</td></tr>
 * <tr><td>{@link Kind#REPEATABLE}</td><td>{@code PutMetricAlarm}, {@code DeleteAlarms}, {@code SetAlarmState},
 *     SageMaker's {@code Delete*}, {@code AddTags}, {@code DeleteTags}, {@code RegisterScalableTarget},
 *     {@code PutScalingPolicy}, {@code DeregisterScalableTarget}, {@code DeleteScalingPolicy},
 *     {@code UpdateEndpointWeightsAndCapacities}</td>
 *     <td>sent again, within the retry budget, like a read; a delete answered "not found" is done</td></tr>
 * <tr><td>{@link Kind#CREATE}, {@link Kind#UPDATE}</td><td>SageMaker's {@code Create*}, {@code UpdateEndpoint},
 *     {@code UpdateInferenceComponent}, {@code UpdateInferenceComponentRuntimeConfig}</td>
 *     <td>only throttling is sent again here; otherwise the runner describes the resource before any resend</td></tr>
 * <tr><td>{@link Kind#ONCE}</td><td>{@code InvokeEndpoint}, and any request not in the table</td>
 *     <td>only throttling is sent again</td></tr>
 * </table>
 *
 * <p>{@code UpdateEndpointWeightsAndCapacities} sets absolute weights and instance counts: sent twice
 * with the same values it leaves the endpoint as sent once, so it is repeatable. SageMaker refuses it
 * while the endpoint is {@code Updating}, which the first of two sends causes itself; such a refusal
 * counts as done when the endpoint's desired weights and counts are already the ones asked for
 * (its {@link Row#busyCheck()}). {@code DeleteEndpoint} and {@code DeleteInferenceComponent} are
 * refused the same way while the resource is {@code Deleting}, and count as done then.
 */
public final class CallKinds {

    /** What a call is, as far as sending it again is concerned. */
    public enum Kind {
        /** Only reads: sent again on any failure that may pass (throttling, a 5xx, a lost answer). */
        READ,
        /** Changes something, and sending it twice leaves the same state as sending it once: retried like a read. */
        REPEATABLE,
        /** Creates a resource: sent twice it may find its own resource; checked with a describe before a resend. */
        CREATE,
        /** Starts a change of a resource: sent twice it may start a second change; checked with a describe before a resend. */
        UPDATE,
        /** Neither a read nor safe to repeat, nor checkable (a model invocation): only throttling is retried. */
        ONCE;

        /** @return whether the retry layer sends the call again after any failure that may pass */
        public boolean safeToRepeat() {
            return this == READ || this == REPEATABLE;
        }
    }

    /**
     * One row of the table.
     *
     * @param kind what the call is
     * @param goneIsDone for a delete: an answer that the resource does not exist means it is gone, as asked
     * @param done the empty answer that stands for the call's own when it counts as done without one
     *     ({@code null} for calls that never do)
     * @param busyCheck for a repeatable call SageMaker refuses while the resource is busy: the describe
     *     that tells whether the call's effect is already in place ({@code null} if none)
     */
    public record Row(Kind kind, boolean goneIsDone, Supplier<? extends SdkResponse> done, BusyCheck busyCheck) {

        public Row {
            Objects.requireNonNull(kind, "kind");
        }

        /** @return the busy check, if the call has one */
        public Optional<BusyCheck> check() {
            return Optional.ofNullable(busyCheck);
        }
    }

    /**
     * The describe that tells whether a repeatable call that SageMaker refused as busy already has
     * its effect (sent before, its answer lost).
     *
     * @param describe the read request, built from the refused request
     * @param responseType the read's response type
     * @param inPlace whether the read shows the refused request's effect
     */
    public record BusyCheck(Function<SdkRequest, SdkRequest> describe, Class<? extends SdkResponse> responseType,
                            BiPredicate<SdkRequest, SdkResponse> inPlace) {
    }

    private static final Row READ = new Row(Kind.READ, false, null, null);
    private static final Row CREATE = new Row(Kind.CREATE, false, null, null);
    private static final Row UPDATE = new Row(Kind.UPDATE, false, null, null);
    private static final Row ONCE = new Row(Kind.ONCE, false, null, null);

    private static final Map<Class<? extends SdkRequest>, Row> TABLE = table();

    private CallKinds() {
    }

    private static Map<Class<? extends SdkRequest>, Row> table() {
        Map<Class<? extends SdkRequest>, Row> t = new LinkedHashMap<>();
        // SageMaker: creates and updates are checked; deletes and tags are repeatable.
        t.put(CreateModelRequest.class, CREATE);
        t.put(CreateEndpointConfigRequest.class, CREATE);
        t.put(CreateEndpointRequest.class, CREATE);
        t.put(CreateInferenceComponentRequest.class, CREATE);
        t.put(UpdateEndpointRequest.class, UPDATE);
        t.put(UpdateInferenceComponentRequest.class, UPDATE);
        t.put(UpdateInferenceComponentRuntimeConfigRequest.class, UPDATE);
        t.put(UpdateEndpointWeightsAndCapacitiesRequest.class, new Row(Kind.REPEATABLE, false,
                () -> UpdateEndpointWeightsAndCapacitiesResponse.builder().build(), check(UpdateEndpointWeightsAndCapacitiesRequest.class,
                        r -> DescribeEndpointRequest.builder().endpointName(r.endpointName()).build(),
                        DescribeEndpointResponse.class, CallKinds::weightsInPlace)));
        t.put(DeleteModelRequest.class, delete(() -> DeleteModelResponse.builder().build(), null));
        t.put(DeleteEndpointConfigRequest.class, delete(() -> DeleteEndpointConfigResponse.builder().build(), null));
        t.put(DeleteEndpointRequest.class, delete(() -> DeleteEndpointResponse.builder().build(), check(DeleteEndpointRequest.class,
                r -> DescribeEndpointRequest.builder().endpointName(r.endpointName()).build(),
                DescribeEndpointResponse.class, (r, d) -> "Deleting".equals(d.endpointStatusAsString()))));
        t.put(DeleteInferenceComponentRequest.class, delete(() -> DeleteInferenceComponentResponse.builder().build(),
                check(DeleteInferenceComponentRequest.class,
                        r -> DescribeInferenceComponentRequest.builder().inferenceComponentName(r.inferenceComponentName()).build(),
                        DescribeInferenceComponentResponse.class, (r, d) -> "Deleting".equals(d.inferenceComponentStatusAsString()))));
        // AddTags sets values (the same keys get the same values); DeleteTags of absent keys is no error.
        t.put(AddTagsRequest.class, repeatable(() -> AddTagsResponse.builder().build()));
        t.put(DeleteTagsRequest.class, repeatable(() -> DeleteTagsResponse.builder().build()));
        for (Class<? extends SdkRequest> read : List.of(DescribeModelRequest.class, ListModelsRequest.class,
                DescribeEndpointConfigRequest.class, ListEndpointConfigsRequest.class, DescribeEndpointRequest.class,
                ListEndpointsRequest.class, DescribeInferenceComponentRequest.class, ListInferenceComponentsRequest.class,
                ListTagsRequest.class)) {
            t.put(read, READ);
        }
        // SageMaker Runtime: the container's work need not be repeatable.
        t.put(InvokeEndpointRequest.class, ONCE);
        // CloudWatch: alarms are put whole under their name; DeleteAlarms ignores names that do not exist.
        t.put(PutMetricAlarmRequest.class, repeatable(() -> PutMetricAlarmResponse.builder().build()));
        t.put(DeleteAlarmsRequest.class, delete(() -> DeleteAlarmsResponse.builder().build(), null));
        t.put(SetAlarmStateRequest.class, repeatable(() -> SetAlarmStateResponse.builder().build()));
        t.put(DescribeAlarmsRequest.class, READ);
        t.put(DescribeAlarmHistoryRequest.class, READ);
        t.put(GetMetricStatisticsRequest.class, READ);
        // Application Auto Scaling: registration and policies are put whole under their key.
        t.put(RegisterScalableTargetRequest.class, repeatable(() -> RegisterScalableTargetResponse.builder().build()));
        t.put(PutScalingPolicyRequest.class, repeatable(() -> PutScalingPolicyResponse.builder().build()));
        t.put(DeregisterScalableTargetRequest.class, delete(() -> DeregisterScalableTargetResponse.builder().build(), null));
        t.put(DeleteScalingPolicyRequest.class, delete(() -> DeleteScalingPolicyResponse.builder().build(), null));
        t.put(DescribeScalableTargetsRequest.class, READ);
        t.put(DescribeScalingPoliciesRequest.class, READ);
        t.put(DescribeScalingActivitiesRequest.class, READ);
        return Map.copyOf(t);
    }

    /**
     * @param request any request
     * @return its row; a request type not in the table is {@link Kind#ONCE}: never sent twice but for throttling
     */
    public static Row of(SdkRequest request) {
        return of(request.getClass());
    }

    /** @return the row of a request type; {@link Kind#ONCE} if it is not in the table */
    public static Row of(Class<?> requestType) {
        Row row = TABLE.get(requestType);
        return row == null ? ONCE : row;
    }

    /** @return every row, keyed by request type */
    public static Map<Class<? extends SdkRequest>, Row> all() {
        return TABLE;
    }

    private static Row repeatable(Supplier<? extends SdkResponse> done) {
        return new Row(Kind.REPEATABLE, false, done, null);
    }

    private static Row delete(Supplier<? extends SdkResponse> done, BusyCheck busyCheck) {
        return new Row(Kind.REPEATABLE, true, done, busyCheck);
    }

    private static <Q extends SdkRequest, R extends SdkResponse> BusyCheck check(Class<Q> requestType, Function<Q, SdkRequest> describe,
                                                                               Class<R> responseType, BiPredicate<Q, R> inPlace) {
        return new BusyCheck(r -> describe.apply(requestType.cast(r)), responseType,
                (r, d) -> inPlace.test(requestType.cast(r), responseType.cast(d)));
    }

    /** Whether every variant the request names already has the weight and instance count it asks for, as desired or current. */
    private static boolean weightsInPlace(UpdateEndpointWeightsAndCapacitiesRequest request, DescribeEndpointResponse endpoint) {
        if (!request.hasDesiredWeightsAndCapacities() || request.desiredWeightsAndCapacities().isEmpty()) {
            return false;
        }
        for (DesiredWeightAndCapacity wanted : request.desiredWeightsAndCapacities()) {
            ProductionVariantSummary v = endpoint.productionVariants().stream()
                    .filter(s -> s.variantName().equals(wanted.variantName())).findFirst().orElse(null);
            if (v == null || wanted.serverlessUpdateConfig() != null) {
                return false;
            }
            Float weight = v.desiredWeight() != null ? v.desiredWeight() : v.currentWeight();
            Integer count = v.desiredInstanceCount() != null ? v.desiredInstanceCount() : v.currentInstanceCount();
            if (wanted.desiredWeight() != null && (weight == null || Math.abs(weight - wanted.desiredWeight()) > 1e-6f)) {
                return false;
            }
            if (wanted.desiredInstanceCount() != null && !wanted.desiredInstanceCount().equals(count)) {
                return false;
            }
        }
        return true;
    }
}
