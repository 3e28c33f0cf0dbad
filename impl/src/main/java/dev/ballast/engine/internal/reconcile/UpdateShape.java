package dev.ballast.engine.internal.reconcile;

import dev.ballast.InstanceType;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.VariantEndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Says in a plan how an endpoint update will go and how many instances it needs at its peak. */
final class UpdateShape {

    private UpdateShape() {
    }

    /** @param rollsInBatches whether SageMaker rolls the update batch by batch (a rolling policy, one variant on both sides) */
    static String describe(VariantEndpointSpec spec, boolean rollsInBatches) {
        String how;
        if (spec.retainDeploymentConfig()) {
            how = "with the endpoint's stored deployment policy";
        } else if (rollsInBatches) {
            how = "rolling, " + spec.rollingUpdate().get().batch() + " instance(s) per batch";
        } else if (spec.rollingUpdate().isPresent()) {
            // deployment guardrails exclusions: SageMaker does not roll an endpoint of several variants
            how = "blue/green, all at once without baking (SageMaker does not roll an endpoint of several variants)";
        } else {
            BlueGreenSpec b = spec.blueGreen().orElse(null);
            how = b == null ? "blue/green, all at once without baking (SageMaker's default)"
                    : "blue/green " + b.routing() + b.stepSize().map(s -> " " + s).orElse("") + ", bake " + b.bake().toSeconds() + " s";
        }
        List<String> peaks = new ArrayList<>();
        // a rolling policy SageMaker does not honour runs blue/green: a full second fleet
        Map<InstanceType, Integer> surge = rollsInBatches || spec.rollingUpdate().isEmpty() ? spec.updateSurgeByType() : spec.instancesByType();
        spec.instancesByType().forEach((type, n) -> peaks.add(surge.getOrDefault(type, 0) + " new " + type + " beside "
                + n + " (peak " + ((long) n + surge.getOrDefault(type, 0)) + ")"));
        return how + (peaks.isEmpty() ? "" : "; needs " + String.join(", ", peaks))
                + (spec.rollbackAlarms().isEmpty() ? ""
                : spec.rollingUpdate().isPresent() && !rollsInBatches
                ? "; its " + spec.rollbackAlarmNames().size() + " alarm(s) roll nothing back: there is no bake to watch"
                : "; rolled back by " + spec.rollbackAlarmNames().size() + " alarm(s)");
    }
}
