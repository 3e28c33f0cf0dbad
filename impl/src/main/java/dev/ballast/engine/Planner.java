package dev.ballast.engine;

import dev.ballast.engine.internal.compile.VariantEndpointRequests;
import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.engine.internal.reconcile.VariantEndpointObserved;
import dev.ballast.engine.internal.reconcile.VariantEndpointReconciler;
import dev.ballast.engine.internal.reconcile.Observed;
import dev.ballast.engine.internal.reconcile.SurgeEstimate;
import dev.ballast.spec.VariantEndpointSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.engine.internal.compile.ComponentEndpointRequests;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;

/**
 * Turns a spec into a {@link Plan}: the SageMaker and CloudWatch requests it stands for, in order.
 * Planning needs no AWS account and sends nothing; print the plan to see exactly what would be
 * sent (secret values masked).
 *
 * <pre>{@code
 * Plan plan = Planner.create(spec);                  // everything, from nothing
 * log.info("{}", plan);
 * Plan update = Planner.updateComponent(spec, "llm"); // a new specification of one component
 * }</pre>
 */
public final class Planner {

    /** Topic logger: DEBUG one line per plan, TRACE each step with its masked request. */
    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.plan");

    private Planner() {
    }

    /** Logs a plan on the topic logger; the engine's plans go through here too. */
    static Plan logged(Plan plan) {
        LOG.debug("Planned {} steps for {}", plan.steps().size(), plan.subject());
        if (LOG.isTraceEnabled()) {
            plan.steps().forEach(step -> LOG.trace("{}: {}", plan.subject(), step));
        }
        return plan;
    }

    /**
     * Plans a deployment from nothing. For an endpoint of inference components: the endpoint
     * configuration, the endpoint, each component's rollback alarms, and the components (adapters
     * after every base component, each once its base is in service) once the
     * endpoint is in service. For an endpoint of model variants: its models, the endpoint
     * configuration, the rollback alarms, the endpoint, a wait until it is in service, and the
     * variants' auto scaling.
     *
     * @throws SpecValidationException if a component has no copies: SageMaker creates inference
     *     components only with at least one copy
     */
    public static Plan create(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return spec instanceof ComponentEndpointSpec components ? create(components) : create((VariantEndpointSpec) spec);
    }

    private static Plan create(ComponentEndpointSpec spec) {
        List<Violation> violations = new ArrayList<>();
        for (ComponentSpec c : spec.components()) {
            if (!c.isAdapter() && c.copies().orElse(0) < 1) {
                violations.add(Violation.of("component[" + c.name() + "].copies", c.copies().orElse(0),
                        "must be at least 1 when the component is created (SageMaker: \"Inference components copy count an integer larger than 0\")",
                        "create it with copies(1) or more; scale it to 0 later"));
            }
        }
        if (!violations.isEmpty()) {
            throw new SpecValidationException("endpoint '" + spec.name() + "'", violations);
        }
        List<PlanStep> steps = new ArrayList<>();
        steps.add(ComponentEndpointRequests.createEndpointConfig(spec, "new endpoint configuration (immutable, versioned by content)"));
        steps.add(ComponentEndpointRequests.createEndpoint(spec, "new endpoint"));
        for (ComponentSpec c : spec.components()) {
            steps.addAll(ComponentEndpointRequests.putAlarms(spec, c, "rollback alarm of component " + c.name()));
        }
        if (!spec.components().isEmpty()) {
            steps.add(new AwaitState(ComponentEndpointRequests.endpointResource(spec), "InService",
                    "components can only be placed on an endpoint in service"));
        }
        for (ComponentSpec c : ComponentEndpointRequests.inCreationOrder(spec)) {
            if (c.isAdapter()) {
                steps.add(ComponentEndpointRequests.createComponent(spec, c, "new adapter of " + c.baseComponent().get()
                        + ", once its base is in service; it runs on the base's copies"));
                steps.add(new AwaitState(ComponentEndpointRequests.componentResource(c), "InService", "the adapter's artifact is loaded into its base"));
                continue;
            }
            steps.add(ComponentEndpointRequests.createComponent(spec, c, "new inference component, " + c.copies().orElseThrow()
                    + (c.copies().orElseThrow() == 1 ? " copy" : " copies")));
            steps.add(new AwaitState(ComponentEndpointRequests.componentResource(c), "InService", "all copies placed and healthy"));
            c.autoScaling().ifPresent(a -> steps.addAll(ScalingRequests.attach(ScalingRequests.Scaled.component(spec.name(), c.name()), a,
                    "auto scaling of component " + c.name() + ", once it is in service")));
        }
        return logged(new Plan("endpoint '" + spec.name() + "'", steps));
    }

    /**
     * Plans a new specification of one component: its rollback alarms (created or overwritten)
     * and an {@code UpdateInferenceComponent} with the component's rolling update policy. The copy
     * count is left as it is; only the specification changes. The plan states the update's
     * {@linkplain Plan#surge() surge}, counted from the endpoint's initial instance count.
     *
     * @throws IllegalArgumentException if the endpoint has no component of that name
     */
    public static Plan updateComponent(ComponentEndpointSpec spec, String componentName) {
        ComponentSpec c = component(spec, componentName);
        List<PlanStep> steps = new ArrayList<>(ComponentEndpointRequests.putAlarms(spec, c, "rollback alarm of component " + c.name()
                + ", created or updated before the update that names it"));
        steps.add(ComponentEndpointRequests.updateComponent(c, Optional.empty(), spec.name(), c.rollingUpdate().isPresent()
                ? "new specification of component " + c.name() + ", rolled out with its rolling update policy"
                : "new specification of component " + c.name() + " (no rolling update policy: SageMaker chooses how)"));
        steps.add(new AwaitState(ComponentEndpointRequests.componentResource(c), "InService",
                "the update finished: rolled out, or rolled back"));
        return logged(new Plan("component '" + c.name() + "' of endpoint '" + spec.name() + "'", steps,
                SurgeEstimate.componentUpdate(spec, c, spec.resolvedInitialInstanceCount())));
    }

    /**
     * Plans a change of a component's copy count alone: {@code UpdateInferenceComponentRuntimeConfig}.
     *
     * @throws IllegalArgumentException if the endpoint has no component of that name
     */
    public static Plan scaleComponent(ComponentEndpointSpec spec, String componentName) {
        ComponentSpec c = component(spec, componentName);
        if (c.isAdapter()) {
            throw new IllegalArgumentException("Component '" + componentName + "' is an adapter of '" + c.baseComponent().get()
                    + "' and has no copies of its own; scale '" + c.baseComponent().get() + "' instead");
        }
        int copies = c.copies().orElseThrow();
        List<PlanStep> steps = List.of(
                ComponentEndpointRequests.scaleComponent(c, copies, "copy count of component " + c.name() + " to " + copies),
                new AwaitState(ComponentEndpointRequests.componentResource(c), "InService", "copies added or removed"));
        return logged(new Plan("component '" + c.name() + "' of endpoint '" + spec.name() + "'", steps));
    }

    private static Plan create(VariantEndpointSpec spec) {
        return logged(VariantEndpointReconciler.reconcile(spec, nothingRuns(spec)));
    }

    /**
     * Plans an update of a running endpoint of model-based variants to the spec's configuration: the
     * new configuration version, the rollback alarms (created or overwritten), {@code UpdateEndpoint}
     * with the spec's deployment policy and retention choices, and a wait until it is deployed or
     * rolled back. Models are assumed to exist. The plan states the update's
     * {@linkplain Plan#surge() surge}.
     */
    public static Plan updateEndpoint(VariantEndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<PlanStep> steps = new ArrayList<>();
        steps.add(VariantEndpointRequests.createEndpointConfig(spec, "the endpoint's configuration changed: a new version"));
        steps.addAll(VariantEndpointRequests.putRollbackAlarms(spec, "rollback alarm of the endpoint's update, created or updated before the update that names it"));
        steps.add(VariantEndpointRequests.updateEndpoint(spec, "deploy the new configuration"));
        steps.add(new AwaitState(VariantEndpointRequests.endpointResource(spec), "InService", "the endpoint update finished: deployed, or rolled back"));
        return logged(new Plan("endpoint '" + spec.name() + "'", steps, SurgeEstimate.endpointUpdate(spec)));
    }

    private static VariantEndpointObserved nothingRuns(VariantEndpointSpec spec) {
        java.util.Map<String, Optional<software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse>> models = new java.util.LinkedHashMap<>();
        spec.models().forEach(m -> models.put(m.name(), Optional.empty()));
        return new VariantEndpointObserved(new Observed(Optional.empty(), false, java.util.Map.of(), java.util.Map.of(), java.util.Map.of()), models,
                Optional.empty());
    }

    /** @return the component of that name; the message names the components the endpoint has */
    static ComponentSpec component(ComponentEndpointSpec spec, String componentName) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(componentName, "componentName");
        return spec.component(componentName).orElseThrow(() -> new IllegalArgumentException(
                "Endpoint '" + spec.name() + "' has no component '" + componentName + "'; it has "
                        + spec.components().stream().map(ComponentSpec::name).toList()));
    }
}
