package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * The deployment stage of each variant of one endpoint config, as {@code DescribeEndpoint} shows it in
 * {@code VariantStatus}
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantStatus.html">
 * ProductionVariantStatus</a>): at most one stage per variant, empty when nothing is in progress. A new status
 * or message starts a new stage with its own {@code StartTime}; every change goes to the timeline. Messages
 * follow the examples of the SageMaker developer guide ("Launching 2 instance(s).", "Baking for 600 seconds
 * ...") and carry only counts and durations.
 */
final class VariantStages {

    private record Stage(String variantName, VariantStatus status, String message, Instant since) {
    }

    private final Sim sim;
    private final String endpointName;
    private final String role;
    private final Map<String, Stage> byVariant = new LinkedHashMap<>();

    /**
     * @param endpointName the endpoint, for the timeline
     * @param role which config the variants belong to ({@code serving} or {@code pending}), for the timeline
     */
    VariantStages(Sim sim, String endpointName, String role) {
        this.sim = sim;
        this.endpointName = endpointName;
        this.role = role;
    }

    /** Puts the variant into a stage; the same status and message keep their start time. */
    void set(String variantName, VariantStatus status, String message) {
        Stage before = byVariant.get(Arns.lower(variantName));
        if (before != null && before.status() == status && before.message().equals(message)) {
            return;
        }
        byVariant.put(Arns.lower(variantName), new Stage(variantName, status, message, sim.now()));
        sim.timeline().record(ResourceType.ENDPOINT, endpointName, Kind.VARIANT_STATUS,
                before == null ? null : before.status(), status, detail(variantName, message));
    }

    /**
     * Puts each fleet's variant into {@code Creating} for its launch: "Launching n instance(s).", or
     * serverless capacity.
     */
    void launching(Collection<Fleet> fleets) {
        for (Fleet fleet : fleets) {
            set(fleet.variantName(), VariantStatus.CREATING, fleet.serverless() ? "Launching serverless capacity."
                    : launching(fleet.desiredInstanceCount()));
        }
    }

    /** Ends the variant's stage, if it has one. */
    void clear(String variantName) {
        Stage before = byVariant.remove(Arns.lower(variantName));
        if (before != null) {
            sim.timeline().record(ResourceType.ENDPOINT, endpointName, Kind.VARIANT_STATUS, before.status(), null,
                    detail(before.variantName(), "done"));
        }
    }

    /** Ends every stage. */
    void clearAll() {
        for (String variant : List.copyOf(byVariant.keySet())) {
            clear(variant);
        }
    }

    /** @return the variant's {@code VariantStatus} list: its current stage, or empty */
    List<ProductionVariantStatus> of(String variantName) {
        Stage stage = byVariant.get(Arns.lower(variantName));
        return stage == null ? List.of() : List.of(ProductionVariantStatus.builder().status(stage.status())
                .statusMessage(stage.message()).startTime(stage.since()).build());
    }

    private String detail(String variantName, String message) {
        return "variant " + variantName + " (" + role + "): " + message;
    }

    static String launching(int instances) {
        return "Launching " + instances + " instance(s).";
    }

    static String terminating(int instances) {
        return "Terminating " + instances + " instance(s).";
    }
}
