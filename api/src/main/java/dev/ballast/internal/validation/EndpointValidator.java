package dev.ballast.internal.validation;

import java.util.List;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;

/**
 * The one door to validating an endpoint of either kind: each kind's validator checks what only
 * that kind has, and the settings both kinds put on their endpoint configuration (VPC, KMS key,
 * tags) are checked here, by the same rules and with the same messages.
 */
public final class EndpointValidator {

    /** SageMaker's limit on the tags of one resource. */
    private static final int MAX_TAGS = 50;

    private EndpointValidator() {
    }

    /**
     * @param spec the spec to check
     * @throws SpecValidationException listing every violation, if there is any
     */
    public static void validate(EndpointSpec spec) {
        List<Violation> found = violations(spec);
        if (!found.isEmpty()) {
            throw new SpecValidationException(spec.name() == null ? "an unnamed endpoint" : "endpoint '" + Rules.key(spec.name()) + "'", found);
        }
    }

    /** @return every violation of {@code spec}, empty if it is valid */
    public static List<Violation> violations(EndpointSpec spec) {
        if (spec instanceof ComponentEndpointSpec components) {
            return ComponentEndpointValidator.violations(components);
        }
        return VariantEndpointValidator.violations((VariantEndpointSpec) spec);
    }

    /** Checks the VPC, the KMS key and the tags, which both kinds put on the endpoint configuration. */
    static void configurationSettings(EndpointSpec spec, Checks checks, List<Violation> violations) {
        spec.vpc().ifPresent(v -> violations.addAll(Rules.vpc(v.subnets(), v.securityGroupIds())));
        spec.kmsKeyId().ifPresent(k -> checks.add(Rules.kmsKey("kmsKey", k)));
        if (spec.tags().size() > MAX_TAGS) {
            checks.add("tags", Rules.count(spec.tags().size(), "tag"), "must be at most " + MAX_TAGS,
                    "drop " + Rules.count(spec.tags().size() - MAX_TAGS, "tag"));
        }
        spec.tags().forEach((key, value) -> violations.addAll(Rules.tag(key, value)));
    }
}
