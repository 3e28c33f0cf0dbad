package dev.ballast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.ballast.dsl.EndpointStep;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.Vpc;

/**
 * What the drafts of both kinds of endpoint share: an immutable list of recorded builder calls,
 * the steps both kinds have (VPC, KMS key, tags), and the replay that builds the spec. Each call
 * returns a new draft; {@link #named(String)} replays the calls on a fresh builder, so the whole
 * spec is validated at once when it is built.
 *
 * @param <S> the kind's step type
 * @param <E> the kind's spec
 * @param <B> the kind's spec builder
 */
abstract class EndpointDraft<S extends EndpointStep<S, E>, E extends EndpointSpec, B> implements EndpointStep<S, E> {

    /** One recorded call: how it reads in the chain, and what it does to a builder. */
    record Step<B>(String text, UnaryOperator<B> apply) {
    }

    private final List<Step<B>> steps;

    EndpointDraft(List<Step<B>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** @return a draft of the same kind with these steps and this draft's other parts */
    abstract S withSteps(List<Step<B>> steps);

    /** @return the kind's builder with the VPC set */
    abstract B vpc(B builder, Vpc vpc);

    /** @return the kind's builder with the KMS key set */
    abstract B kmsKey(B builder, String keyId);

    /** @return the kind's builder with the tag added */
    abstract B tag(B builder, String key, String value);

    /** @return the kind's builder, named, with the parts that are not recorded steps; {@code build()} validates */
    abstract E build(B replayed, String endpointName);

    /** @return a fresh builder of the kind */
    abstract B builder();

    /** @return an endpoint name for the kind's messages, for example {@code rolling-demo} */
    abstract String exampleName();

    /** @return how the chain starts, for example {@code Endpoint} */
    abstract String start();

    /** @return the parts of the chain that are not recorded steps, each on its own line; empty by default */
    String tail() {
        return "";
    }

    final List<Step<B>> steps() {
        return steps;
    }

    final S with(String text, UnaryOperator<B> apply) {
        List<Step<B>> next = new ArrayList<>(steps);
        next.add(new Step<>(text, apply));
        return withSteps(next);
    }

    @Override
    public final S vpc(List<String> subnets, List<String> securityGroupIds) {
        Vpc vpc = Vpc.of(subnets, securityGroupIds);
        Rules.require(Rules.vpc(vpc.subnets(), vpc.securityGroupIds()));
        return with("vpc(" + vpc.subnets() + ", " + vpc.securityGroupIds() + ")", b -> vpc(b, vpc));
    }

    @Override
    public final S kmsKey(String keyId) {
        Rules.given(keyId, "kmsKey", "keyId", "give a KMS key id, alias or ARN");
        Rules.require(Rules.kmsKey("kmsKey", keyId));
        return with("kmsKey(\"" + keyId + "\")", b -> kmsKey(b, keyId));
    }

    @Override
    public final S tag(String key, String value) {
        Rules.given(key, "tags", "key", "give the tag's key, for example tag(\"team\", \"ml\")");
        Rules.given(value, "tags[" + Rules.key(key) + "].value", "value", "give the tag's value; \"\" for none");
        Rules.require(Rules.tag(key, value));
        return with("tag(\"" + key + "\", \"" + value + "\")", b -> tag(b, key, value));
    }

    @Override
    public final E named(String endpointName) {
        Rules.given(endpointName, "name", "endpointName", "name the endpoint, for example named(\"" + exampleName() + "\")");
        B builder = builder();
        for (Step<B> step : steps) {
            builder = step.apply().apply(builder);
        }
        return build(builder, endpointName);
    }

    /** @return the chain so far, for example {@code Endpoint.on("ml.g5.2xlarge").scale(1, 4)} and what is not named yet */
    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder(start());
        for (Step<B> s : steps) {
            sb.append('.').append(s.text());
        }
        return sb.append(tail()).append("\n  (not named yet: finish with .named(\"...\"))").toString();
    }
}
