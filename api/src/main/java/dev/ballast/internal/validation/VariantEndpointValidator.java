package dev.ballast.internal.validation;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.ModelSpec.InferenceExecutionMode;
import dev.ballast.spec.ModelContainerSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.Serverless;
import dev.ballast.spec.VariantSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a whole {@link VariantEndpointSpec}: the fields of its models, variants, data capture and update
 * policy against the SageMaker API's rules
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html">CreateModel</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html">
 * CreateEndpointConfig</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a> and the
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
 * guardrails</a>), the cross-field rules, and the instances an update needs at its peak; throws one
 * {@link SpecValidationException} with every violation.
 */
final class VariantEndpointValidator {

    private static final int MAX_CONTENT_TYPES = 10;
    /** At most 15 containers in a model (ContainerDefinitionList). */
    private static final int MAX_CONTAINERS = 15;

    private final VariantEndpointSpec spec;
    private final List<Violation> violations = new ArrayList<>();
    private final Checks checks = new Checks(violations);

    private VariantEndpointValidator(VariantEndpointSpec spec) {
        this.spec = spec;
    }

    /** @return every violation of {@code spec}, empty if it is valid */
    static List<Violation> violations(VariantEndpointSpec spec) {
        List<Violation> nulls = Nulls.of(spec);
        if (!nulls.isEmpty()) {
            return nulls; // the other rules read these values
        }
        VariantEndpointValidator validator = new VariantEndpointValidator(spec);
        validator.endpoint();
        return List.copyOf(validator.violations);
    }

    private void endpoint() {
        checks.add(Rules.endpointName("name", spec.name()));
        variants();
        models();
        spec.dataCapture().ifPresent(this::dataCapture);
        EndpointValidator.configurationSettings(spec, checks, violations);
        new UpdatePolicyValidator(spec, violations).check();
        if (!spec.excludedRetainedProperties().isEmpty() && !spec.retainsVariantProperties()) {
            checks.add("retainVariantProperties", "except " + spec.excludedRetainedProperties(),
                    "excludes properties from retention, but the update retains none",
                    "retain them with retainVariantProperties(..), or drop the exclusions");
        }
    }

    private void variants() {
        int size = spec.variants().size();
        if (size == 0) {
            checks.add("variants", "none", "must have at least one production variant",
                    "serve a model: Endpoint.serving(Variant.named(\"AllTraffic\").model(model).on(\"ml.m5.xlarge\"))");
            return;
        }
        if (size > VariantEndpointSpec.MAX_VARIANTS) {
            checks.add("variants", Rules.count(size, "variant"), "must be at most " + VariantEndpointSpec.MAX_VARIANTS + " per endpoint configuration",
                    "drop " + Rules.count(size - VariantEndpointSpec.MAX_VARIANTS, "variant") + ", or split them over two endpoints");
        }
        Map<String, String> seen = new HashMap<>();
        double weights = 0;
        boolean badWeight = false;
        for (int i = 0; i < size; i++) {
            VariantSpec v = spec.variants().get(i);
            if (v.name() == null) {
                checks.add("variant[" + i + "].name", null, "is required", "name the variant: Variant.named(\"model-v1-variant\")");
                continue;
            }
            String path = "variant[" + Rules.key(v.name()) + "]";
            String previous = seen.putIfAbsent(v.name().toLowerCase(Locale.ROOT), v.name());
            if (previous != null) {
                checks.add(path + ".name", Rules.quote(v.name()), "must be unique on the endpoint ('" + Rules.key(previous) + "' is already there)",
                        "rename one of the variants");
            }
            variant(path, v);
            if (!(v.initialWeight() >= 0) || Double.isInfinite(v.initialWeight())) {
                badWeight = true;
            } else {
                weights += v.initialWeight();
            }
        }
        if (!badWeight && weights == 0) {
            checks.add("variants.weight", "all 0", "must not all be 0: the traffic share of a variant is its weight over the sum of weights",
                    "give at least one variant a weight above 0, for example weight(1)");
        }
        shadows(seen);
    }

    /**
     * Shadow variants, with the rules of SageMaker's shadow tests
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests-create.html">Create a shadow test</a>):
     * at most one shadow, and then one production variant; serverless and multi-container endpoints
     * cannot run shadow tests; names unique across production and shadow variants. The sampled share
     * (the shadow's weight over production's) must be above 0 and at most all of production's requests,
     * the range of a shadow test's {@code SamplingPercentage}.
     */
    private void shadows(Map<String, String> seen) {
        List<VariantSpec> shadows = spec.shadowVariants();
        if (shadows.isEmpty()) {
            return;
        }
        if (shadows.size() > 1) {
            checks.add("shadowVariants", Rules.count(shadows.size(), "shadow variant"), "must be at most one per endpoint (SageMaker runs one shadow test at a time)",
                    "keep one shadow(..), and test the others one after another");
        }
        if (spec.variants().size() != 1) {
            checks.add("variants", Rules.count(spec.variants().size(), "variant"), "must be exactly one production variant when the endpoint has a shadow variant",
                    "serve one production variant beside the shadow, or drop shadow(..) for an A/B test of weighted variants");
        }
        boolean productionServerless = spec.variants().stream().anyMatch(v -> v.serverless().isPresent());
        double productionWeight = spec.variants().isEmpty() ? 1 : spec.variants().get(0).initialWeight();
        for (VariantSpec v : shadows) {
            if (v.name() == null) {
                checks.add("shadow[?].name", null, "is required", "name the shadow variant: Variant.named(\"model-v2-shadow\")");
                continue;
            }
            String path = "shadow[" + Rules.key(v.name()) + "]";
            String previous = seen.putIfAbsent(v.name().toLowerCase(Locale.ROOT), v.name());
            if (previous != null) {
                checks.add(path + ".name", Rules.quote(v.name()), "must be unique across production and shadow variants ('" + Rules.key(previous) + "' is already there)",
                        "rename the shadow, for example " + Rules.suggestName(v.name() + "-shadow"));
            }
            variant(path, v);
            if (v.serverless().isPresent() || productionServerless) {
                checks.add(path + ".serverless", v.serverless().map(Object::toString).orElse("production variant serverless"),
                        "shadow tests do not support serverless inference", "run both the production and the shadow variant on instances: on(\"ml.m5.xlarge\")");
            }
            if (v.model().isPresent() && v.model().get().containers().size() > 1
                    || spec.variants().stream().anyMatch(p -> p.model().isPresent() && p.model().get().containers().size() > 1)) {
                checks.add(path + ".model", v.model().map(ModelSpec::name).orElse(""), "shadow tests do not support multi-container endpoints",
                        "serve single-container models on both variants");
            }
            if (v.initialWeight() >= 0 && !Double.isInfinite(v.initialWeight()) && productionWeight > 0
                    && (v.initialWeight() == 0 || v.initialWeight() > productionWeight)) {
                checks.add(path + ".weight", v.initialWeight(), "must sample more than 0% and at most 100% of production's requests: above 0 and at most the production"
                        + " variant's weight of " + number(productionWeight), "use weight(" + number(productionWeight / 2)
                        + ") to copy half of production's requests");
            }
        }
    }

    private void variant(String path, VariantSpec v) {
        checks.add(Rules.endpointName(path + ".name", v.name()));
        if (v.model().isEmpty()) {
            checks.add(path + ".model", null, "is required", "name the model the variant serves: model(Model.named(\"my-model-v1\")...)");
        }
        if (!(v.initialWeight() >= 0) || Double.isInfinite(v.initialWeight())) {
            checks.add(path + ".weight", v.initialWeight(), "must be a finite number of 0 or more", "use a weight such as weight(0.9)");
        }
        if (v.serverless().isPresent()) {
            serverless(path + ".serverless", v.serverless().get());
            if (v.instanceType().isPresent() || v.initialInstanceCount().isPresent()) {
                checks.add(path + ".instanceType", v.instanceType().map(Object::toString).orElse("instances(" + v.initialInstanceCount().orElse(0) + ")"),
                        "must not be set on a serverless variant", "drop on(..) and instances(..), or drop serverless(..)");
            }
            v.volumeSizeGb().ifPresent(g -> checks.add(path + ".volumeSizeGb", g, "must not be set on a serverless variant", "drop volumeSizeGb(..)"));
            v.autoScaling().ifPresent(a -> checks.provisionedConcurrencyScaling(path + ".autoScaling", a, v.serverless().get(),
                    spec.name(), v.name()));
        } else {
            if (v.instanceType().isEmpty()) {
                checks.add(path + ".instanceType", null, "is required (or make the variant serverless)", "say where it runs: on(\"ml.m5.xlarge\")");
            }
            v.initialInstanceCount().ifPresent(n -> checks.add(Rules.atLeast(path + ".instances", n, 1, "start with at least one instance: instances(1)")));
            v.volumeSizeGb().ifPresent(g -> {
                if (g < 1 || g > 512) {
                    checks.add(path + ".volumeSizeGb", g, "must be between 1 and 512 GB", "use volumeSizeGb(" + Math.max(1, Math.min(512, g)) + ")");
                }
            });
            v.autoScaling().ifPresent(a -> checks.autoScaling(path + ".autoScaling", a, false, Optional.of(v.resolvedInstanceCount()), spec.name(), v.name()));
        }
        v.modelDataDownloadTimeout().ifPresent(d -> checks.add(Rules.seconds(path + ".modelDataDownloadTimeout", d, 60, 3600)));
        v.containerStartupHealthCheckTimeout().ifPresent(d -> checks.add(Rules.seconds(path + ".containerStartupHealthCheckTimeout", d, 60, 3600)));
        v.managedScaling().ifPresent(s -> checks.add(path + ".managedScaling", s,
                "is accepted only on endpoints that host inference components (ManagedInstanceScaling on a model-based variant)",
                "scale the variant with autoScaling(AutoScaling.between(" + Math.max(1, s.min()) + ", " + s.max()
                        + ").invocationsPerInstance(..)), or host the model as an inference component"));
    }

    private void serverless(String path, Serverless s) {
        if (s.memoryMb() < 1024 || s.memoryMb() > 6144 || s.memoryMb() % 1024 != 0) {
            // Clamped before it is rounded: Math.round(n / 1024f) * 1024 overflows for n near Integer.MAX_VALUE.
            int fixed = Math.round(Math.max(1024, Math.min(6144, s.memoryMb())) / 1024f) * 1024;
            checks.add(path + ".memoryMb", s.memoryMb(), "must be 1024, 2048, 3072, 4096, 5120 or 6144 MiB", "use serverless(" + fixed + ", " + s.maxConcurrency() + ")");
        }
        if (s.maxConcurrency() < 1 || s.maxConcurrency() > 200) {
            checks.add(path + ".maxConcurrency", s.maxConcurrency(), "must be between 1 and 200",
                    "use serverless(" + s.memoryMb() + ", " + Math.max(1, Math.min(200, s.maxConcurrency())) + ")");
        }
        s.provisionedConcurrency().ifPresent(p -> {
            if (p < 1 || p > 200 || p > s.maxConcurrency()) {
                checks.add(path + ".provisionedConcurrency", p, "must be between 1 and the maximum concurrency of " + s.maxConcurrency(),
                        "use provisionedConcurrency(" + Math.max(1, Math.min(p, s.maxConcurrency())) + ")");
            }
        });
    }

    private void models() {
        Map<String, ModelSpec> byName = new HashMap<>();
        List<VariantSpec> all = new ArrayList<>(spec.variants());
        all.addAll(spec.shadowVariants());
        for (VariantSpec v : all) {
            if (v.model().isEmpty() || v.name() == null) {
                continue;
            }
            ModelSpec m = v.model().get();
            ModelSpec other = byName.putIfAbsent(m.name(), m);
            if (other == null) {
                model("model[" + Rules.key(m.name()) + "]", m);
            } else if (!other.equals(m)) {
                checks.add("model[" + Rules.key(m.name()) + "]", Rules.quote(m.name()), "is defined twice, differently: models are immutable and one name is one model",
                        "give the second definition its own name, for example " + Rules.suggestName(m.name() + "-2"));
            }
        }
    }

    private void model(String path, ModelSpec m) {
        checks.add(Rules.componentName(path + ".name", m.name()));
        if (!m.containers().isEmpty()) {
            containers(path, m);
        } else {
            if (m.image().isEmpty()) {
                checks.add(path + ".image", null, "is required", "give the container image URI: image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
            } else {
                checks.add(Rules.image(path + ".image", m.image().get()));
            }
            m.executionMode().ifPresent(mode -> checks.add(path + ".executionMode", mode.apiValue(),
                    "is for a model of several containers; this one has a single container",
                    "give the containers: pipeline(..) or containers(..), or drop the execution mode"));
        }
        m.modelDataUrl().ifPresent(u -> checks.add(Rules.s3Url(path + ".modelData", u)));
        checks.environment(path, m.environment(), m.secretEnvironment());
        if (m.executionRoleArn().isEmpty()) {
            checks.add(path + ".executionRole", null, "is required: SageMaker assumes it to pull the image and the model data",
                    "add executionRole(\"arn:aws:iam::<account>:role/<role SageMaker can assume>\")");
        } else {
            checks.add(Rules.roleArn(path + ".executionRole", m.executionRoleArn().get()));
        }
        m.vpc().ifPresent(v -> violations.addAll(Rules.vpc(v.subnets(), v.securityGroupIds()).stream()
                .map(x -> Violation.of(path + "." + x.path(), x.value(), x.rule(), x.fix())).toList()));
    }

    /**
     * The rules of a model of several containers
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html">multi-container
     * endpoints</a>, <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html">inference
     * pipelines</a>): 1 to 15 containers instead of the single container's image, model data and environment;
     * each container as a single one; hostnames unique, on every container with direct invocation, and in a
     * pipeline on all containers or on none.
     */
    private void containers(String path, ModelSpec m) {
        boolean direct = m.executionMode().orElse(InferenceExecutionMode.SERIAL) == InferenceExecutionMode.DIRECT;
        String method = direct ? "containers" : "pipeline";
        m.image().ifPresent(v -> checks.add(path + ".image", v, "must not be set on a model of several containers"
                + " (PrimaryContainer and Containers are exclusive)", "give the image to a container of " + method + "(..), or drop image(..)"));
        m.modelDataUrl().ifPresent(v -> checks.add(path + ".modelData", v, "must not be set on a model of several containers"
                + " (PrimaryContainer and Containers are exclusive)", "give the model data to a container of " + method + "(..), or drop modelData(..)"));
        if (!m.environment().isEmpty() || !m.secretEnvironment().isEmpty()) {
            checks.add(path + ".env", Rules.count(m.environment().size() + m.secretEnvironment().size(), "variable"),
                    "must not be set on a model of several containers (PrimaryContainer and Containers are exclusive)",
                    "give each variable to the container that needs it: Container...env(..)");
        }
        List<ModelContainerSpec> containers = m.containers();
        if (containers.size() > MAX_CONTAINERS) {
            checks.add(path + ".containers", Rules.count(containers.size(), "container"),
                    "must be at most " + MAX_CONTAINERS + " per model",
                    "drop " + Rules.count(containers.size() - MAX_CONTAINERS, "container") + ", or split them over two models");
        }
        long named = containers.stream().filter(c -> c.hostname().isPresent()).count();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < containers.size(); i++) {
            ModelContainerSpec c = containers.get(i);
            String at = path + ".containers[" + i + "]";
            if (c.hostname().isEmpty()) {
                if (direct) {
                    checks.add(at + ".hostname", null, "is required with direct invocation: requests name their container by it",
                            "name the container: Container.named(\"container-" + (i + 1) + "\").image(..)");
                } else if (named > 0) {
                    checks.add(at + ".hostname", null, "is required: in a pipeline either every container is named or none is",
                            "name the container: Container.named(\"step-" + (i + 1) + "\").image(..), or name none");
                }
            } else {
                String h = c.hostname().get();
                checks.add(Rules.endpointName(at + ".hostname", h));
                Integer previous = seen.putIfAbsent(h, i);
                if (previous != null) {
                    checks.add(at + ".hostname", Rules.quote(h), "must be unique in the model (container " + previous + " has it)",
                            "rename one of the containers");
                }
            }
            if (c.image().isEmpty()) {
                checks.add(at + ".image", null, "is required", "give the container image URI: Container.image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
            } else {
                checks.add(Rules.image(at + ".image", c.image().get()));
            }
            c.modelDataUrl().ifPresent(u -> checks.add(Rules.s3Url(at + ".modelData", u)));
            checks.environment(at, c.environment(), c.secretEnvironment());
        }
    }

    private void dataCapture(DataCaptureSpec c) {
        String path = "dataCapture";
        if (c.destinationS3Uri().isEmpty()) {
            checks.add(path + ".destination", null, "is required", "say where the records go: DataCapture.to(\"s3://my-bucket/capture/\")");
        } else {
            String uri = c.destinationS3Uri().get();
            checks.add(Rules.s3Url(path + ".destination", uri));
            if (uri.length() > 512) {
                checks.add(path + ".destination", uri.length() + " characters", "must be at most 512 characters", "use a shorter S3 prefix");
            }
        }
        if (c.samplingPercentage() < 0 || c.samplingPercentage() > 100) {
            checks.add(path + ".samplingPercentage", c.samplingPercentage(), "must be between 0 and 100",
                    "use sampling(" + Math.max(0, Math.min(100, c.samplingPercentage())) + ")");
        }
        if (c.modes().isEmpty()) {
            checks.add(path + ".modes", "none", "must capture the input, the output or both", "use capture(CaptureMode.INPUT, CaptureMode.OUTPUT)");
        }
        c.kmsKeyId().ifPresent(k -> checks.add(Rules.kmsKey(path + ".kmsKey", k)));
        contentTypes(path + ".csvContentTypes", c.csvContentTypes());
        contentTypes(path + ".jsonContentTypes", c.jsonContentTypes());
    }

    private void contentTypes(String path, List<String> types) {
        if (types.size() > MAX_CONTENT_TYPES) {
            checks.add(path, Rules.count(types.size(), "content type"), "must be at most " + MAX_CONTENT_TYPES, "keep the ten that matter");
        }
        for (String t : types) {
            checks.add(Rules.contentType(path, t));
        }
    }


    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
