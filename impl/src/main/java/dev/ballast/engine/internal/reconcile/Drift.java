package dev.ballast.engine.internal.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentComputeResourceRequirements;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecificationSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecificationSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStartupParameters;

import dev.ballast.engine.internal.compile.ComponentEndpointRequests;
import dev.ballast.spec.ComponentSpec;

/**
 * Compares what the spec wants with what a Describe call returned, field by field, for the fields
 * Ballast sets. Secret values take part in the comparison (a rotated token is a change) but are
 * never part of any description this class returns.
 */
public final class Drift {

    private Drift() {
    }

    /** @return whether the running specification of a component is the one the spec describes */
    public static boolean sameSpecification(ComponentSpec desired, InferenceComponentSpecificationSummary running) {
        return differences(desired, running).isEmpty();
    }

    /**
     * @return the fields of a component's running specification that differ from the spec, in
     *     words ({@code image}, {@code environment (HF_MODEL_ID, HF_TOKEN)}, ...); names only, never a
     *     value; empty when the running specification is the spec's
     */
    public static List<String> differences(ComponentSpec desired, InferenceComponentSpecificationSummary running) {
        if (running == null) {
            return List.of("no specification");
        }
        List<String> differ = new ArrayList<>();
        if (!Objects.equals(desired.baseComponent().orElse(null), running.baseInferenceComponentName())) {
            differ.add("base component");
        }
        InferenceComponentContainerSpecificationSummary container = running.container();
        String image = container == null || container.deployedImage() == null ? null : container.deployedImage().specifiedImage();
        if (!Objects.equals(desired.image().orElse(null), image)) {
            differ.add("image");
        }
        Map<String, String> env = ComponentEndpointRequests.containerEnvironment(desired);
        Map<String, String> runningEnv = container == null || !container.hasEnvironment() ? Map.of() : container.environment();
        if (!env.equals(runningEnv)) {
            Set<String> keys = new TreeSet<>(env.keySet());
            keys.addAll(runningEnv.keySet());
            keys.removeIf(k -> Objects.equals(env.get(k), runningEnv.get(k)));
            differ.add("environment (" + String.join(", ", keys) + ")");
        }
        if (!Objects.equals(desired.modelDataUrl().orElse(null), container == null ? null : container.artifactUrl())) {
            differ.add(desired.isAdapter() ? "adapter artifact" : "model data");
        }
        if (!sameCompute(desired, running.computeResourceRequirements())) {
            differ.add("compute resources");
        }
        if (!sameStartup(desired, running.startupParameters())) {
            differ.add("startup timeouts");
        }
        return differ;
    }

    private static boolean sameCompute(ComponentSpec d, InferenceComponentComputeResourceRequirements r) {
        if (r == null) {
            return d.minMemoryMb().isEmpty();
        }
        return sameNumber(d.accelerators().map(Integer::doubleValue), r.numberOfAcceleratorDevicesRequired())
                && sameNumber(d.cpuCores(), r.numberOfCpuCoresRequired())
                && Objects.equals(d.minMemoryMb().orElse(null), r.minMemoryRequiredInMb())
                && Objects.equals(d.maxMemoryMb().orElse(null), r.maxMemoryRequiredInMb());
    }

    private static boolean sameStartup(ComponentSpec d, InferenceComponentStartupParameters r) {
        Integer download = d.modelDataDownloadTimeout().map(x -> (int) x.getSeconds()).orElse(null);
        Integer health = d.containerStartupHealthCheckTimeout().map(x -> (int) x.getSeconds()).orElse(null);
        return r == null ? download == null && health == null
                : Objects.equals(download, r.modelDataDownloadTimeoutInSeconds())
                        && Objects.equals(health, r.containerStartupHealthCheckTimeoutInSeconds());
    }

    private static boolean sameNumber(Optional<Double> desired, Float running) {
        if (desired.isEmpty() || running == null) {
            return desired.isEmpty() && running == null;
        }
        return Math.abs(desired.get() - running) < 1e-6;
    }

    /** @return whether an existing alarm already has the configuration the spec asks for */
    public static boolean sameAlarm(PutMetricAlarmRequest desired, MetricAlarm running) {
        return Objects.equals(desired.alarmDescription(), running.alarmDescription())
                && Objects.equals(desired.actionsEnabled(), running.actionsEnabled())
                && Objects.equals(desired.metricName(), running.metricName())
                && Objects.equals(desired.namespace(), running.namespace())
                && Objects.equals(desired.statisticAsString(), running.statisticAsString())
                && new HashSet<Dimension>(desired.dimensions()).equals(new HashSet<Dimension>(running.dimensions()))
                && Objects.equals(desired.period(), running.period())
                && Objects.equals(desired.evaluationPeriods(), running.evaluationPeriods())
                && Objects.equals(desired.datapointsToAlarm(), running.datapointsToAlarm())
                && Objects.equals(desired.threshold(), running.threshold())
                && Objects.equals(desired.comparisonOperatorAsString(), running.comparisonOperatorAsString())
                && (desired.treatMissingData() == null
                        ? running.treatMissingData() == null || running.treatMissingData().equals("missing")
                        : desired.treatMissingData().equals(running.treatMissingData()));
    }
}
