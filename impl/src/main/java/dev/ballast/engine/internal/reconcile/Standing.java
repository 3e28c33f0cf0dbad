package dev.ballast.engine.internal.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.engine.internal.compile.VariantEndpointRequests;
import dev.ballast.engine.internal.compile.ComponentEndpointRequests;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;

/**
 * Whether what runs is the spec, judged from an observation with nothing in flight (the end of an
 * attach): what differs, as the reconciler would plan it, and — when the spec does not run —
 * whether SageMaker's record shows that an update to the spec was rolled back although nobody
 * watched it. A pure function of the spec and the observation.
 *
 * <p>SageMaker's record of the last deployment: an endpoint keeps its configuration name, its
 * {@code LastDeploymentConfig} and {@code LastModifiedTime}; the spec's configuration (named by
 * content, so by the spec) keeps its {@code CreationTime}. An endpoint that runs another
 * configuration although its last deployment, which ended after the spec's configuration was
 * created, used the spec's deployment policy, was rolled back from the spec. A component keeps
 * only its {@code LastDeploymentConfig}, {@code FailureReason} and its specification, which after a
 * rollback is the previous one: nothing records which specification a rolled-back update carried.
 * So a component counts as rolled back from the spec only when its last update used the spec's
 * rolling policy and SageMaker recorded a failure reason or one of the spec's rollback alarms is in
 * {@code ALARM}; otherwise the spec is "not applied", and the verdict says what the record shows.
 */
public final class Standing {

    private Standing() {
    }

    /**
     * @param differences one line per difference between the spec and what runs; empty when what runs is the spec
     * @param rollback the rollback of an update to the spec that SageMaker's record shows, if any
     * @param record what SageMaker's record says of the last deployment when it cannot name the spec; may be empty
     */
    public record Verdict(List<String> differences, Optional<Rollback> rollback, String record) {
        public boolean runsTheSpec() {
            return differences.isEmpty();
        }
    }

    /**
     * @param alarm the spec's rollback alarm in {@code ALARM}, if any
     * @param reason what the record shows, for a person
     */
    public record Rollback(Optional<String> alarm, String reason) {
    }

    /** @param specConfig the spec's endpoint configuration, described, if it exists (needed only when the endpoint runs another) */
    public static Verdict of(ComponentEndpointSpec spec, Observed observed, Optional<DescribeEndpointConfigResponse> specConfig) {
        List<String> differences = differences(ComponentEndpointReconciler.reconcile(spec, observed));
        if (differences.isEmpty()) {
            return new Verdict(differences, Optional.empty(), "");
        }
        Optional<Rollback> rollback = Optional.empty();
        List<String> record = new ArrayList<>();
        for (ComponentSpec c : spec.components()) {
            Optional<DescribeInferenceComponentResponse> d = observed.components().getOrDefault(c.name(), Optional.empty());
            if (d.isEmpty() || !d.get().inferenceComponentStatusAsString().equals("InService")
                    || Drift.sameSpecification(c, d.get().specification()) || c.rollingUpdate().isEmpty()) {
                continue;
            }
            InferenceComponentDeploymentConfig sends = componentPolicy(spec.name(), c);
            if (!samePolicy(sends, d.get().lastDeploymentConfig())) {
                continue;
            }
            Optional<String> alarm = inAlarm(alarmNames(sends), observed.alarms());
            Optional<String> failure = Optional.ofNullable(d.get().failureReason());
            if (rollback.isEmpty() && (alarm.isPresent() || failure.isPresent())) {
                rollback = Optional.of(new Rollback(alarm, "component " + c.name() + " is InService with its previous specification: "
                        + "SageMaker's record shows its last update, with this spec's rolling policy, rolled back"
                        + because(alarm, observed.alarms(), failure)));
            } else {
                record.add("SageMaker's record: the last update of component " + c.name() + " used this spec's rolling policy and ended "
                        + "without this specification running, rolled back or another specification's (a component's record does "
                        + "not say which specification an update carried)");
            }
        }
        if (rollback.isEmpty()) {
            rollback = endpointRollback(spec.name(), spec.endpointConfigName(), observed, specConfig, null);
        }
        return new Verdict(differences, rollback, String.join("; ", record));
    }

    /** @param specConfig the spec's endpoint configuration, described, if it exists (needed only when the endpoint runs another) */
    public static Verdict of(VariantEndpointSpec spec, VariantEndpointObserved observed, Optional<DescribeEndpointConfigResponse> specConfig) {
        List<String> differences = differences(VariantEndpointReconciler.reconcile(spec, observed));
        if (differences.isEmpty()) {
            return new Verdict(differences, Optional.empty(), "");
        }
        DeploymentConfig sends = ((UpdateEndpointRequest) VariantEndpointRequests.updateEndpoint(spec, "").request()).deploymentConfig();
        return new Verdict(differences, endpointRollback(spec.name(), spec.endpointConfigName(), observed.endpoint(), specConfig, sends), "");
    }

    /**
     * The endpoint runs another configuration than the spec's, in service, with nothing pending:
     * its last deployment ended after the spec's configuration was created and used the spec's
     * deployment policy (the same kind of policy and rollback alarms), so it was the spec's, rolled back.
     */
    private static Optional<Rollback> endpointRollback(String name, String wanted, Observed observed,
                                                       Optional<DescribeEndpointConfigResponse> specConfig, DeploymentConfig sends) {
        if (observed.endpoint().isEmpty() || sends == null || specConfig.isEmpty()) {
            return Optional.empty();
        }
        DescribeEndpointResponse e = observed.endpoint().get();
        DeploymentConfig last = e.lastDeploymentConfig();
        boolean onAnother = e.endpointStatusAsString().equals("InService") && e.pendingDeploymentSummary() == null
                && !wanted.equals(e.endpointConfigName());
        boolean after = specConfig.get().creationTime() != null && e.lastModifiedTime() != null
                && e.lastModifiedTime().isAfter(specConfig.get().creationTime());
        if (!onAnother || !after || last == null || !sameEndpointPolicy(sends, last)) {
            return Optional.empty();
        }
        Set<String> alarms = sends.autoRollbackConfiguration() == null ? Set.of()
                : alarmSet(sends.autoRollbackConfiguration().alarms().stream().map(a -> a.alarmName()).toList());
        Optional<String> alarm = inAlarm(alarms, observed.alarms());
        return Optional.of(new Rollback(alarm, "endpoint " + name + " is InService on its previous configuration " + e.endpointConfigName()
                + ", not " + wanted + ": SageMaker's record shows its last deployment, which ended after " + wanted
                + " was created, used this spec's deployment policy" + because(alarm, observed.alarms(), Optional.ofNullable(e.failureReason()))));
    }

    /** @return the plan's calls as differences, one line each; the clean-up of old configurations is no difference */
    private static List<String> differences(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (ApiCall call : plan.calls()) {
            if (!call.operation().equals("DeleteEndpointConfig")) {
                lines.add(call.resource() + ": " + call.reason().replace(ComponentEndpointReconciler.ROLLED_OUT, ""));
            }
        }
        return lines;
    }

    /** @return the deployment configuration Ballast sends with an update of the component, or null if it has no rolling policy */
    public static InferenceComponentDeploymentConfig componentPolicy(String endpointName, ComponentSpec c) {
        return ((UpdateInferenceComponentRequest) ComponentEndpointRequests.updateComponent(c, Optional.empty(), endpointName, "").request())
                .deploymentConfig();
    }

    /**
     * Whether a component's {@code LastDeploymentConfig} is the policy Ballast sends for it: the
     * same rollback alarms, batch sizes and wait (SageMaker may fill in defaults Ballast left out).
     */
    public static boolean samePolicy(InferenceComponentDeploymentConfig sends, InferenceComponentDeploymentConfig last) {
        if (sends == null || last == null) {
            return false;
        }
        var a = sends.rollingUpdatePolicy();
        var b = last.rollingUpdatePolicy();
        boolean policy = a == null || b == null ? a == b
                : Objects.equals(a.maximumBatchSize(), b.maximumBatchSize())
                        && Objects.equals(a.waitIntervalInSeconds(), b.waitIntervalInSeconds())
                        && (a.rollbackMaximumBatchSize() == null || Objects.equals(a.rollbackMaximumBatchSize(), b.rollbackMaximumBatchSize()));
        return policy && alarmNames(sends).equals(alarmNames(last));
    }

    private static boolean sameEndpointPolicy(DeploymentConfig sends, DeploymentConfig last) {
        Set<String> a = sends.autoRollbackConfiguration() == null ? Set.of()
                : alarmSet(sends.autoRollbackConfiguration().alarms().stream().map(x -> x.alarmName()).toList());
        Set<String> b = last.autoRollbackConfiguration() == null ? Set.of()
                : alarmSet(last.autoRollbackConfiguration().alarms().stream().map(x -> x.alarmName()).toList());
        return (sends.blueGreenUpdatePolicy() == null) == (last.blueGreenUpdatePolicy() == null)
                && (sends.rollingUpdatePolicy() == null) == (last.rollingUpdatePolicy() == null)
                && a.equals(b);
    }

    private static Set<String> alarmNames(InferenceComponentDeploymentConfig config) {
        return config == null || config.autoRollbackConfiguration() == null ? Set.of()
                : alarmSet(config.autoRollbackConfiguration().alarms().stream().map(a -> a.alarmName()).toList());
    }

    private static Set<String> alarmSet(List<String> names) {
        return new TreeSet<>(names);
    }

    private static Optional<String> inAlarm(Set<String> names, Map<String, MetricAlarm> alarms) {
        return names.stream().filter(n -> alarms.containsKey(n) && alarms.get(n).stateValueAsString().equals("ALARM")).findFirst();
    }

    private static String because(Optional<String> alarm, Map<String, MetricAlarm> alarms, Optional<String> failure) {
        String why = alarm.flatMap(a -> Optional.ofNullable(alarms.get(a).stateReason())).filter(r -> !r.isEmpty())
                .map(r -> "; alarm reason: " + r).orElse("");
        return why + failure.map(f -> "; SageMaker: " + f).orElse("");
    }
}
