package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.endpoint.ModelRecord;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.errors.ValidationReport;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.placement.Requirement;
import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;

/**
 * Checks the rules of an inference-component specification the API model cannot carry
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html">
 * CreateInferenceComponent</a>) and turns it into a {@link Revision}: what a copy reserves, the container it
 * plays, its health-check timeout.
 */
final class SpecificationRules {

    private final Sim sim;
    private final Registry<ModelRecord> models;
    private final SageMakerErrors errors;

    SpecificationRules(Sim sim, Registry<ModelRecord> models, SageMakerErrors errors) {
        this.sim = sim;
        this.models = models;
        this.errors = errors;
    }

    /**
     * Adds what the API model cannot say about {@code spec} (null: nothing to check): without a
     * base component it needs its {@code ComputeResourceRequirements}. The shapes were checked
     * against the model before the request got here.
     */
    void check(ValidationReport v, InferenceComponentSpecification spec) {
        if (spec != null && spec.baseInferenceComponentName() == null) {
            v.notNull(spec.computeResourceRequirements(), "specification.computeResourceRequirements");
        }
    }

    Revision revision(int number, InferenceComponentSpecification spec, LiveEndpoint endpoint, Fleet fleet,
            String componentName) {
        if (spec.modelName() != null && !models.contains(spec.modelName())) {
            throw errors.modelNotFound(spec.modelName());
        }
        if (spec.container() == null && spec.modelName() == null && spec.baseInferenceComponentName() == null) {
            throw errors.validation("Either ModelName or Container must be specified in the inference component"
                    + " specification.");
        }
        var c = spec.computeResourceRequirements();
        Requirement need = c == null ? new Requirement(0, 0, 0)
                : new Requirement(c.numberOfAcceleratorDevicesRequired() == null ? 0
                        : (int) Math.ceil(c.numberOfAcceleratorDevicesRequired()),
                        c.numberOfCpuCoresRequired() == null ? 0 : c.numberOfCpuCoresRequired(),
                        c.minMemoryRequiredInMb() == null ? 0 : c.minMemoryRequiredInMb());
        ContainerSpec container;
        if (spec.container() != null) {
            container = new ContainerSpec(componentName, spec.container().image(), spec.container().environment());
        } else if (spec.modelName() != null) {
            ContainerSpec model = models.get(spec.modelName()).container();
            container = new ContainerSpec(componentName, model.image(), model.environment());
        } else {
            container = new ContainerSpec(componentName, null, null);
        }
        Integer health = spec.startupParameters() == null ? null
                : spec.startupParameters().containerStartupHealthCheckTimeoutInSeconds();
        if (health == null) {
            var variant = endpoint.variantConfig(fleet.variantName());
            health = variant == null ? null : variant.containerStartupHealthCheckTimeoutInSeconds();
        }
        Duration healthTimeout = health == null ? sim.timings().healthCheckTimeout() : Duration.ofSeconds(health);
        return new Revision(number, spec, need, container, healthTimeout);
    }
}
