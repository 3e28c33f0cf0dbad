package dev.ballast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.dsl.ComponentStep;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.InstanceScaling;
import dev.ballast.spec.RoutingStrategy;
import dev.ballast.spec.Vpc;

/**
 * The one implementation of the steps of an endpoint of inference components: the recorded calls
 * of {@link EndpointDraft} and the components added so far, so that a rolling update given right
 * after a component belongs to it.
 */
final class ComponentEndpointDraft extends EndpointDraft<ComponentEndpointStep, ComponentEndpointSpec, ComponentEndpointSpec.Builder>
        implements ComponentStep {

    private final List<ComponentSpec> components;

    private ComponentEndpointDraft(List<Step<ComponentEndpointSpec.Builder>> steps, List<ComponentSpec> components) {
        super(steps);
        this.components = List.copyOf(components);
    }

    static ComponentEndpointDraft start(InstanceType type) {
        Rules.given(type, "instanceType", "instanceType", "give a SageMaker hosting instance type, for example Endpoint.on(\"ml.g5.2xlarge\")");
        return new ComponentEndpointDraft(List.of(new Step<>("on(\"" + type + "\")", b -> b.instanceType(type))), List.of());
    }

    @Override
    ComponentEndpointDraft withSteps(List<Step<ComponentEndpointSpec.Builder>> steps) {
        return new ComponentEndpointDraft(steps, components);
    }

    @Override
    ComponentEndpointSpec.Builder vpc(ComponentEndpointSpec.Builder builder, Vpc vpc) {
        return builder.vpc(vpc);
    }

    @Override
    ComponentEndpointSpec.Builder kmsKey(ComponentEndpointSpec.Builder builder, String keyId) {
        return builder.kmsKeyId(keyId);
    }

    @Override
    ComponentEndpointSpec.Builder tag(ComponentEndpointSpec.Builder builder, String key, String value) {
        return builder.putTag(key, value);
    }

    @Override
    ComponentEndpointSpec.Builder builder() {
        return ComponentEndpointSpec.builder();
    }

    @Override
    ComponentEndpointSpec build(ComponentEndpointSpec.Builder replayed, String endpointName) {
        return replayed.name(endpointName).components(components).build();
    }

    @Override
    String exampleName() {
        return "rolling-demo";
    }

    @Override
    String start() {
        return "Endpoint";
    }

    @Override
    String tail() {
        StringBuilder sb = new StringBuilder();
        for (ComponentSpec c : components) {
            sb.append("\n  .component(").append(c).append(')');
        }
        return sb.toString();
    }

    @Override
    public ComponentEndpointStep scale(int min, int max) {
        InstanceScaling scaling = new InstanceScaling(min, max);
        return with("scale(" + min + ", " + max + ")", b -> b.scaling(scaling));
    }

    @Override
    public ComponentEndpointStep instances(int initialCount) {
        Rules.require(Rules.atLeast("instances", initialCount, 1, "start with at least one instance: instances(1)"));
        return with("instances(" + initialCount + ")", b -> b.initialInstanceCount(initialCount));
    }

    @Override
    public ComponentEndpointStep routing(RoutingStrategy strategy) {
        Rules.given(strategy, "routing", "strategy", "pick a RoutingStrategy, for example RoutingStrategy.LEAST_OUTSTANDING_REQUESTS");
        return with("routing(" + strategy + ")", b -> b.routing(strategy));
    }

    @Override
    public ComponentEndpointStep modelDataDownloadTimeout(Duration timeout) {
        Rules.given(timeout, "modelDataDownloadTimeout", "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds("modelDataDownloadTimeout", timeout, 60, 3600));
        return with("modelDataDownloadTimeout(" + timeout.toSeconds() + " s)", b -> b.modelDataDownloadTimeout(timeout));
    }

    @Override
    public ComponentEndpointStep containerStartupHealthCheckTimeout(Duration timeout) {
        Rules.given(timeout, "containerStartupHealthCheckTimeout", "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds("containerStartupHealthCheckTimeout", timeout, 60, 3600));
        return with("containerStartupHealthCheckTimeout(" + timeout.toSeconds() + " s)", b -> b.containerStartupHealthCheckTimeout(timeout));
    }

    @Override
    public ComponentEndpointStep executionRole(String roleArn) {
        Rules.given(roleArn, "executionRole", "roleArn", "give the ARN of a role SageMaker can assume, for example arn:aws:iam::123456789012:role/SageMakerRole");
        Rules.require(Rules.roleArn("executionRole", roleArn));
        return with("executionRole(\"" + roleArn + "\")", b -> b.executionRoleArn(roleArn));
    }

    @Override
    public ComponentEndpointStep variant(String variantName) {
        Rules.given(variantName, "variantName", "variantName", "name the variant, for example variant(\"AllTraffic\")");
        Rules.require(Rules.endpointName("variantName", variantName));
        return with("variant(\"" + variantName + "\")", b -> b.variantName(variantName));
    }

    @Override
    public ComponentStep component(Component component) {
        Rules.given(component, "components", "component", "add a component: component(Component.named(\"llm\")...)");
        List<ComponentSpec> next = new ArrayList<>(components);
        next.add(component.spec());
        return new ComponentEndpointDraft(steps(), next);
    }

    @Override
    public ComponentEndpointStep rollingUpdate(RollingUpdate policy) {
        Rules.given(policy, "component[" + Rules.key(components.get(components.size() - 1).name()) + "].rollingUpdate", "policy",
                "give a policy, for example rollingUpdate(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)))");
        // Only reachable right after component(..): the step types guarantee a last component.
        List<ComponentSpec> next = new ArrayList<>(components);
        ComponentSpec last = next.remove(next.size() - 1);
        next.add(ComponentSpec.builder().from(last).rollingUpdate(policy.spec()).build());
        return new ComponentEndpointDraft(steps(), next);
    }
}
