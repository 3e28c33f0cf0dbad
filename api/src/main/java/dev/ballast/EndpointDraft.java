package dev.ballast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.ballast.dsl.ComponentStep;
import dev.ballast.dsl.EndpointStep;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.InstanceScaling;
import dev.ballast.spec.RoutingStrategy;
import dev.ballast.spec.Vpc;

/**
 * The one implementation of the endpoint steps: an immutable list of recorded builder calls and
 * of components. Each call returns a new draft; {@link #named(String)} replays the calls on a fresh
 * builder, so the whole spec is validated at once by {@link EndpointSpec}.
 */
final class EndpointDraft implements ComponentStep {

    private final List<Step> steps;
    private final List<ComponentSpec> components;

    private record Step(String text, UnaryOperator<EndpointSpec.Builder> apply) {
    }

    private EndpointDraft(List<Step> steps, List<ComponentSpec> components) {
        this.steps = steps;
        this.components = components;
    }

    static EndpointDraft start(InstanceType type) {
        Rules.given(type, "instanceType", "instanceType", "give a SageMaker hosting instance type, for example Endpoint.on(\"ml.g5.2xlarge\")");
        return new EndpointDraft(List.of(new Step("on(\"" + type + "\")", b -> {
            b.instanceType(type);
            return b;
        })), List.of());
    }

    private EndpointDraft with(String text, UnaryOperator<EndpointSpec.Builder> apply) {
        List<Step> next = new ArrayList<>(steps);
        next.add(new Step(text, apply));
        return new EndpointDraft(List.copyOf(next), components);
    }



    @Override
    public EndpointStep scale(int min, int max) {
        InstanceScaling scaling = new InstanceScaling(min, max);
        return with("scale(" + min + ", " + max + ")", b -> b.scaling(scaling));
    }

    @Override
    public EndpointStep instances(int initialCount) {
        Rules.require(Rules.atLeast("instances", initialCount, 1, "start with at least one instance: instances(1)"));
        return with("instances(" + initialCount + ")", b -> b.initialInstanceCount(initialCount));
    }

    @Override
    public EndpointStep routing(RoutingStrategy strategy) {
        Rules.given(strategy, "routing", "strategy", "pick a RoutingStrategy, for example RoutingStrategy.LEAST_OUTSTANDING_REQUESTS");
        return with("routing(" + strategy + ")", b -> b.routing(strategy));
    }

    @Override
    public EndpointStep modelDataDownloadTimeout(Duration timeout) {
        Rules.given(timeout, "modelDataDownloadTimeout", "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds("modelDataDownloadTimeout", timeout, 60, 3600));
        return with("modelDataDownloadTimeout(" + timeout.toSeconds() + " s)", b -> b.modelDataDownloadTimeout(timeout));
    }

    @Override
    public EndpointStep containerStartupHealthCheckTimeout(Duration timeout) {
        Rules.given(timeout, "containerStartupHealthCheckTimeout", "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds("containerStartupHealthCheckTimeout", timeout, 60, 3600));
        return with("containerStartupHealthCheckTimeout(" + timeout.toSeconds() + " s)", b -> b.containerStartupHealthCheckTimeout(timeout));
    }

    @Override
    public EndpointStep executionRole(String roleArn) {
        Rules.given(roleArn, "executionRole", "roleArn", "give the ARN of a role SageMaker can assume, for example arn:aws:iam::123456789012:role/SageMakerRole");
        Rules.require(Rules.roleArn("executionRole", roleArn));
        return with("executionRole(\"" + roleArn + "\")", b -> b.executionRoleArn(roleArn));
    }

    @Override
    public EndpointStep vpc(List<String> subnets, List<String> securityGroupIds) {
        Vpc vpc = Vpc.of(subnets, securityGroupIds);
        Rules.require(Rules.vpc(vpc.subnets(), vpc.securityGroupIds()));
        return with("vpc(" + vpc.subnets() + ", " + vpc.securityGroupIds() + ")", b -> b.vpc(vpc));
    }

    @Override
    public EndpointStep kmsKey(String keyId) {
        Rules.given(keyId, "kmsKey", "keyId", "give a KMS key id, alias or ARN");
        Rules.require(Rules.kmsKey("kmsKey", keyId));
        return with("kmsKey(\"" + keyId + "\")", b -> b.kmsKeyId(keyId));
    }

    @Override
    public EndpointStep tag(String key, String value) {
        Rules.given(key, "tags", "key", "give the tag's key, for example tag(\"team\", \"ml\")");
        Rules.given(value, "tags[" + Rules.key(key) + "].value", "value", "give the tag's value; \"\" for none");
        Rules.require(Rules.tag(key, value));
        return with("tag(\"" + key + "\", \"" + value + "\")", b -> b.putTag(key, value));
    }

    @Override
    public EndpointStep variant(String variantName) {
        Rules.given(variantName, "variantName", "variantName", "name the variant, for example variant(\"AllTraffic\")");
        Rules.require(Rules.endpointName("variantName", variantName));
        return with("variant(\"" + variantName + "\")", b -> b.variantName(variantName));
    }

    @Override
    public ComponentStep component(Component component) {
        Rules.given(component, "components", "component", "add a component: component(Component.named(\"llm\")...)");
        List<ComponentSpec> next = new ArrayList<>(components);
        next.add(component.spec());
        return new EndpointDraft(steps, List.copyOf(next));
    }

    @Override
    public EndpointStep rollingUpdate(RollingUpdate policy) {
        Rules.given(policy, "component[" + Rules.key(components.get(components.size() - 1).name()) + "].rollingUpdate", "policy",
                "give a policy, for example rollingUpdate(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)))");
        // Only reachable right after component(..): the step types guarantee a last component.
        List<ComponentSpec> next = new ArrayList<>(components);
        ComponentSpec last = next.remove(next.size() - 1);
        next.add(ComponentSpec.builder().from(last).rollingUpdate(policy.spec()).build());
        return new EndpointDraft(steps, List.copyOf(next));
    }

    @Override
    public EndpointSpec named(String endpointName) {
        Rules.given(endpointName, "name", "endpointName", "name the endpoint, for example named(\"rolling-demo\")");
        EndpointSpec.Builder builder = EndpointSpec.builder();
        for (Step step : steps) {
            step.apply().apply(builder);
        }
        return builder.name(endpointName).components(components).build();
    }

    /** @return the chain so far, for example {@code Endpoint.on("ml.g5.2xlarge").scale(1, 4) + 1 component [llm] (not named yet)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Endpoint");
        for (Step s : steps) {
            sb.append('.').append(s.text());
        }
        for (ComponentSpec c : components) {
            sb.append("\n  .component(").append(c).append(')');
        }
        return sb.append("\n  (not named yet: finish with .named(\"...\"))").toString();
    }
}
