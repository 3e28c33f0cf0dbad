package dev.ballast.internal.validation;

import dev.ballast.InstanceType;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.ModelEndpointSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.Serverless;
import dev.ballast.spec.VariantSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a whole {@link ModelEndpointSpec}: the fields of its models, variants, data capture and
 * update policy against the SageMaker API's rules (reference sections 6 and 7), the cross-field
 * rules, and the instances an update needs at its peak; throws one
 * {@link SpecValidationException} with every violation.
 */
public final class ModelEndpointValidator {

    private static final int MAX_TAGS = 50;
    private static final int MAX_CONTENT_TYPES = 10;

    private final ModelEndpointSpec spec;
    private final List<Violation> violations = new ArrayList<>();
    private final Checks checks = new Checks(violations);

    private ModelEndpointValidator(ModelEndpointSpec spec) {
        this.spec = spec;
    }

    /**
     * @param spec the spec to check
     * @throws SpecValidationException listing every violation, if there is any
     */
    public static void validate(ModelEndpointSpec spec) {
        List<Violation> found = violations(spec);
        if (!found.isEmpty()) {
            throw new SpecValidationException(spec.name() == null ? "an unnamed endpoint" : "endpoint '" + spec.name() + "'", found);
        }
    }

    /** @return every violation of {@code spec}, empty if it is valid */
    public static List<Violation> violations(ModelEndpointSpec spec) {
        ModelEndpointValidator validator = new ModelEndpointValidator(spec);
        validator.endpoint();
        return List.copyOf(validator.violations);
    }

    private void add(Optional<Violation> v) {
        v.ifPresent(violations::add);
    }

    private void add(String path, Object value, String rule, String fix) {
        violations.add(Violation.of(path, value, rule, fix));
    }

    private void endpoint() {
        add(Rules.endpointName("name", spec.name()));
        variants();
        models();
        spec.dataCapture().ifPresent(this::dataCapture);
        spec.vpc().ifPresent(v -> violations.addAll(Rules.vpc(v.subnets(), v.securityGroupIds())));
        spec.kmsKeyId().ifPresent(k -> add(Rules.kmsKey("kmsKey", k)));
        if (spec.tags().size() > MAX_TAGS) {
            add("tags", Rules.count(spec.tags().size(), "tag"), "must be at most " + MAX_TAGS,
                    "drop " + Rules.count(spec.tags().size() - MAX_TAGS, "tag"));
        }
        spec.tags().forEach((key, value) -> violations.addAll(Rules.tag(key, value)));
        if (spec.blueGreen().isPresent() && spec.rollingUpdate().isPresent()) {
            add("update", "blue/green and rolling", "must be one policy: SageMaker takes exactly one of BlueGreenUpdatePolicy and RollingUpdatePolicy",
                    "keep one update(..)");
        }
        spec.blueGreen().ifPresent(this::blueGreen);
        spec.rollingUpdate().ifPresent(this::rolling);
        rollbackAlarms();
        unwatchedAlarms();
        if (spec.retainDeploymentConfig() && (spec.blueGreen().isPresent() || spec.rollingUpdate().isPresent())) {
            add("retainDeploymentConfig", true, "conflicts with the update policy the spec gives: SageMaker would use the stored one "
                    + "(and its alarms), not this spec's", "drop retainDeploymentConfig(), or drop update(..)");
        }
        if (!spec.excludedRetainedProperties().isEmpty() && !spec.retainsVariantProperties()) {
            add("retainVariantProperties", "except " + spec.excludedRetainedProperties(),
                    "excludes properties from retention, but the update retains none",
                    "retain them with retainVariantProperties(..), or drop the exclusions");
        }
        instanceLimits();
    }

    private void variants() {
        int size = spec.variants().size();
        if (size == 0) {
            add("variants", "none", "must have at least one production variant",
                    "serve a model: Endpoint.serving(Variant.named(\"AllTraffic\").model(model).on(\"ml.m5.xlarge\"))");
            return;
        }
        if (size > ModelEndpointSpec.MAX_VARIANTS) {
            add("variants", Rules.count(size, "variant"), "must be at most " + ModelEndpointSpec.MAX_VARIANTS + " per endpoint configuration",
                    "drop " + Rules.count(size - ModelEndpointSpec.MAX_VARIANTS, "variant") + ", or split them over two endpoints");
        }
        Map<String, String> seen = new HashMap<>();
        double weights = 0;
        boolean badWeight = false;
        for (int i = 0; i < size; i++) {
            VariantSpec v = spec.variants().get(i);
            if (v.name() == null) {
                add("variant[" + i + "].name", null, "is required", "name the variant: Variant.named(\"model-v1-variant\")");
                continue;
            }
            String path = "variant[" + v.name() + "]";
            String previous = seen.putIfAbsent(v.name().toLowerCase(Locale.ROOT), v.name());
            if (previous != null) {
                add(path + ".name", Rules.quote(v.name()), "must be unique on the endpoint ('" + previous + "' is already there)",
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
            add("variants.weight", "all 0", "must not all be 0: the traffic share of a variant is its weight over the sum of weights",
                    "give at least one variant a weight above 0, for example weight(1)");
        }
    }

    private void variant(String path, VariantSpec v) {
        add(Rules.endpointName(path + ".name", v.name()));
        if (v.model().isEmpty()) {
            add(path + ".model", null, "is required", "name the model the variant serves: model(Model.named(\"my-model-v1\")...)");
        }
        if (!(v.initialWeight() >= 0) || Double.isInfinite(v.initialWeight())) {
            add(path + ".weight", v.initialWeight(), "must be a finite number of 0 or more", "use a weight such as weight(0.9)");
        }
        if (v.serverless().isPresent()) {
            serverless(path + ".serverless", v.serverless().get());
            if (v.instanceType().isPresent() || v.initialInstanceCount().isPresent()) {
                add(path + ".instanceType", v.instanceType().map(Object::toString).orElse("instances(" + v.initialInstanceCount().orElse(0) + ")"),
                        "must not be set on a serverless variant", "drop on(..) and instances(..), or drop serverless(..)");
            }
            v.volumeSizeGb().ifPresent(g -> add(path + ".volumeSizeGb", g, "must not be set on a serverless variant", "drop volumeSizeGb(..)"));
            v.autoScaling().ifPresent(a -> add(path + ".autoScaling", a, "is for instance counts; a serverless variant has none",
                    "drop autoScaling(..); SageMaker scales serverless variants itself up to maxConcurrency"));
        } else {
            if (v.instanceType().isEmpty()) {
                add(path + ".instanceType", null, "is required (or make the variant serverless)", "say where it runs: on(\"ml.m5.xlarge\")");
            }
            v.initialInstanceCount().ifPresent(n -> add(Rules.atLeast(path + ".instances", n, 1, "start with at least one instance: instances(1)")));
            v.volumeSizeGb().ifPresent(g -> {
                if (g < 1 || g > 512) {
                    add(path + ".volumeSizeGb", g, "must be between 1 and 512 GB", "use volumeSizeGb(" + Math.max(1, Math.min(512, g)) + ")");
                }
            });
            v.autoScaling().ifPresent(a -> checks.autoScaling(path + ".autoScaling", a, false, Optional.of(v.resolvedInstanceCount())));
        }
        v.modelDataDownloadTimeout().ifPresent(d -> add(Rules.seconds(path + ".modelDataDownloadTimeout", d, 60, 3600)));
        v.containerStartupHealthCheckTimeout().ifPresent(d -> add(Rules.seconds(path + ".containerStartupHealthCheckTimeout", d, 60, 3600)));
        v.managedScaling().ifPresent(s -> add(path + ".managedScaling", s,
                "is accepted only on endpoints that host inference components (ManagedInstanceScaling on a model-based variant)",
                "scale the variant with autoScaling(AutoScaling.between(" + Math.max(1, s.min()) + ", " + s.max()
                        + ").invocationsPerInstance(..)), or host the model as an inference component"));
    }

    private void serverless(String path, Serverless s) {
        if (s.memoryMb() < 1024 || s.memoryMb() > 6144 || s.memoryMb() % 1024 != 0) {
            int fixed = Math.max(1024, Math.min(6144, Math.round(s.memoryMb() / 1024f) * 1024));
            add(path + ".memoryMb", s.memoryMb(), "must be 1024, 2048, 3072, 4096, 5120 or 6144 MiB", "use serverless(" + fixed + ", " + s.maxConcurrency() + ")");
        }
        if (s.maxConcurrency() < 1 || s.maxConcurrency() > 200) {
            add(path + ".maxConcurrency", s.maxConcurrency(), "must be between 1 and 200",
                    "use serverless(" + s.memoryMb() + ", " + Math.max(1, Math.min(200, s.maxConcurrency())) + ")");
        }
        s.provisionedConcurrency().ifPresent(p -> {
            if (p < 1 || p > 200 || p > s.maxConcurrency()) {
                add(path + ".provisionedConcurrency", p, "must be between 1 and the maximum concurrency of " + s.maxConcurrency(),
                        "use provisionedConcurrency(" + Math.max(1, Math.min(p, s.maxConcurrency())) + ")");
            }
        });
    }

    private void models() {
        Map<String, ModelSpec> byName = new HashMap<>();
        for (VariantSpec v : spec.variants()) {
            if (v.model().isEmpty() || v.name() == null) {
                continue;
            }
            ModelSpec m = v.model().get();
            ModelSpec other = byName.putIfAbsent(m.name(), m);
            if (other == null) {
                model("model[" + m.name() + "]", m);
            } else if (!other.equals(m)) {
                add("model[" + m.name() + "]", Rules.quote(m.name()), "is defined twice, differently: models are immutable and one name is one model",
                        "give the second definition its own name, for example " + m.name() + "-2");
            }
        }
    }

    private void model(String path, ModelSpec m) {
        add(Rules.componentName(path + ".name", m.name()));
        if (m.image().isEmpty()) {
            add(path + ".image", null, "is required", "give the container image URI: image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
        } else {
            add(Rules.image(path + ".image", m.image().get()));
        }
        m.modelDataUrl().ifPresent(u -> add(Rules.s3Url(path + ".modelData", u)));
        checks.environment(path, m.environment(), m.secretEnvironment());
        if (m.executionRoleArn().isEmpty()) {
            add(path + ".executionRole", null, "is required: SageMaker assumes it to pull the image and the model data",
                    "add executionRole(\"arn:aws:iam::<account>:role/<role SageMaker can assume>\")");
        } else {
            add(Rules.roleArn(path + ".executionRole", m.executionRoleArn().get()));
        }
        m.vpc().ifPresent(v -> violations.addAll(Rules.vpc(v.subnets(), v.securityGroupIds()).stream()
                .map(x -> Violation.of(path + "." + x.path(), x.value(), x.rule(), x.fix())).toList()));
    }

    private void dataCapture(DataCaptureSpec c) {
        String path = "dataCapture";
        if (c.destinationS3Uri().isEmpty()) {
            add(path + ".destination", null, "is required", "say where the records go: DataCapture.to(\"s3://my-bucket/capture/\")");
        } else {
            String uri = c.destinationS3Uri().get();
            add(Rules.s3Url(path + ".destination", uri));
            if (uri.length() > 512) {
                add(path + ".destination", uri.length() + " characters", "must be at most 512 characters", "use a shorter S3 prefix");
            }
        }
        if (c.samplingPercentage() < 0 || c.samplingPercentage() > 100) {
            add(path + ".samplingPercentage", c.samplingPercentage(), "must be between 0 and 100",
                    "use sampling(" + Math.max(0, Math.min(100, c.samplingPercentage())) + ")");
        }
        if (c.modes().isEmpty()) {
            add(path + ".modes", "none", "must capture the input, the output or both", "use capture(CaptureMode.INPUT, CaptureMode.OUTPUT)");
        }
        c.kmsKeyId().ifPresent(k -> add(Rules.kmsKey(path + ".kmsKey", k)));
        contentTypes(path + ".csvContentTypes", c.csvContentTypes());
        contentTypes(path + ".jsonContentTypes", c.jsonContentTypes());
    }

    private void contentTypes(String path, List<String> types) {
        if (types.size() > MAX_CONTENT_TYPES) {
            add(path, Rules.count(types.size(), "content type"), "must be at most " + MAX_CONTENT_TYPES, "keep the ten that matter");
        }
        for (String t : types) {
            if (t.isEmpty() || t.length() > 256 || !t.matches("[a-zA-Z0-9](-*[a-zA-Z0-9])*/[a-zA-Z0-9](-*[a-zA-Z0-9.])*")) {
                add(path, Rules.quote(t), "must be a content type such as application/json (at most 256 characters)", "fix the content type");
            }
        }
    }

    /** The smallest instance count of the instance-based variants: canary and linear sizes are shares of it. */
    private Optional<Integer> smallestFleet() {
        return spec.variants().stream().filter(v -> v.serverless().isEmpty()).map(VariantSpec::resolvedInstanceCount).min(Integer::compare);
    }

    private void blueGreen(BlueGreenSpec b) {
        String path = "update.blueGreen";
        add(Rules.seconds(path + ".bake", b.bake(), 0, 3600));
        b.terminationWait().ifPresent(d -> add(Rules.seconds(path + ".terminationWait", d, 0, 3600)));
        b.maximumExecutionTimeout().ifPresent(d -> add(Rules.seconds(path + ".timeout", d, 600, 28800)));
        boolean serverless = spec.variants().stream().anyMatch(v -> v.serverless().isPresent());
        if (b.routing() == null) {
            add(path + ".routing", null, "is required", "use BlueGreen.allAtOnce(), canary(..) or linear(..)");
            alarmCount(path + ".rollbackAlarms", b.rollbackAlarms());
            return;
        }
        switch (b.routing()) {
            case ALL_AT_ONCE -> b.stepSize().ifPresent(s -> add(path + ".stepSize", s, "must not be set for ALL_AT_ONCE",
                    "drop the size, or use BlueGreen.canary(..) or BlueGreen.linear(..)"));
            case CANARY -> {
                if (b.stepSize().isEmpty()) {
                    add(path + ".canarySize", null, "is required for CANARY", "use BlueGreen.canaryInstances(1) or BlueGreen.canaryPercent(25)");
                } else {
                    canary(path + ".canarySize", b.stepSize().get());
                }
            }
            case LINEAR -> {
                if (b.stepSize().isEmpty()) {
                    add(path + ".linearStepSize", null, "is required for LINEAR", "use BlueGreen.linearPercent(20)");
                } else {
                    linear(path + ".linearStepSize", b.stepSize().get());
                }
            }
        }
        if (serverless && b.routing() != dev.ballast.spec.TrafficRouting.ALL_AT_ONCE) {
            add(path + ".routing", b.routing(), "does not apply to serverless variants: SageMaker updates them all at once, without baking",
                    "use BlueGreen.allAtOnce(), or move the serverless variant to another endpoint");
        }
        // The termination wait is not counted: SageMaker's own example (canary, 600 s bake, 600 s
        // termination wait, 1800 s timeout) allows exactly the bakes and the termination wait.
        b.maximumExecutionTimeout().filter(t -> t.getNano() == 0 && t.getSeconds() >= 600 && t.getSeconds() <= 28800).ifPresent(t -> {
            long bakes = bakes(b);
            long waits = bakes * b.bake().getSeconds();
            if (t.getSeconds() <= waits) {
                add(path + ".timeout", t.getSeconds() + " s", "must exceed the sum of the bakes (" + bakes + " x " + b.bake().getSeconds()
                        + " s = " + waits + " s), or the update times out before it can finish",
                        "allow time to provision the new fleet too: timeout(Duration.ofSeconds(" + Math.min(28800, Math.max(600, waits + 600)) + "))");
            }
        });
        alarmCount(path + ".rollbackAlarms", b.rollbackAlarms());
    }

    /** Linear steps counted in instances take as many bakes as the largest variant needs steps. */
    private long bakes(BlueGreenSpec b) {
        if (b.routing() == dev.ballast.spec.TrafficRouting.LINEAR && b.stepSize().filter(s -> s.unit() == Capacity.Unit.COUNT).isPresent()) {
            int step = b.stepSize().get().value();
            return largestFleet().map(n -> (long) ((n + step - 1) / step)).orElse(1L);
        }
        return b.bakes();
    }

    private Optional<Integer> largestFleet() {
        return spec.variants().stream().filter(v -> v.serverless().isEmpty()).map(VariantSpec::resolvedInstanceCount).max(Integer::compare);
    }

    private void canary(String path, Capacity size) {
        if (size.unit() == Capacity.Unit.PERCENT) {
            if (size.value() > 50) {
                add(path, size, "must be at most 50% of the variant's instances", "use canaryPercent(50) or less");
            }
            return;
        }
        smallestFleet().filter(n -> size.value() * 2 > n).ifPresent(n -> add(path, Rules.count(size.value(), "instance"),
                "must be at most 50% of the variant's instances: " + Rules.count(n, "instance") + (n == 1 ? " allows" : " allow")
                        + (n / 2 == 0 ? " no canary" : " at most " + Rules.count(n / 2, "instance")),
                n / 2 == 0 ? "run at least 2 instances per variant for a canary, or use BlueGreen.allAtOnce()"
                        : "use canaryInstances(" + n / 2 + ")"));
    }

    private void linear(String path, Capacity size) {
        if (size.unit() == Capacity.Unit.PERCENT) {
            if (size.value() < 10 || size.value() > 50) {
                add(path, size, "must be 10-50% of the capacity", "use linearPercent(" + Math.max(10, Math.min(50, size.value())) + ")");
            }
            return;
        }
        for (VariantSpec v : spec.variants()) {
            if (v.serverless().isPresent() || v.name() == null) {
                continue;
            }
            int n = v.resolvedInstanceCount();
            if (size.value() * 10 < n || size.value() * 2 > n) {
                int lower = (n + 9) / 10;
                int upper = n / 2;
                add(path, Rules.count(size.value(), "instance"),
                        "must be 10-50% of the variant's " + Rules.count(n, "instance") + " (variant '" + v.name() + "')",
                        upper < Math.max(1, lower) ? "run at least 2 instances per variant for linear steps, or use BlueGreen.allAtOnce()"
                                : "use linearInstances(" + Math.max(Math.max(1, lower), Math.min(upper, size.value())) + ")"
                                        + (spec.variants().size() > 1 ? ", or linearPercent(..) for variants of different sizes" : ""));
            }
        }
    }

    private void rolling(RollingUpdateSpec r) {
        String path = "update.rolling";
        add(Rules.seconds(path + ".wait", r.waitInterval(), 0, 3600));
        if (r.batch() == null) {
            add(path + ".batch", null, "is required", "say how many new instances to add at a time: RollingUpdate.batch(1)");
        }
        r.maximumExecutionTimeout().ifPresent(t -> add(Rules.seconds(path + ".timeout", t, 600, 28800)));
        for (VariantSpec v : spec.variants()) {
            if (v.name() == null) {
                continue;
            }
            if (v.serverless().isPresent()) {
                add(path, "variant " + v.name() + " (serverless)", "does not apply to serverless variants: they have no instances to roll",
                        "use update(BlueGreen.allAtOnce())");
                continue;
            }
            int n = v.resolvedInstanceCount();
            if (r.batch() != null && n > 0) {
                checks.batch(path + ".batch[" + v.name() + "]", r.batch(), n, "instance", "instances", "batch");
                r.rollbackBatch().filter(b -> !Checks.isEverything(b))
                        .ifPresent(b -> checks.batch(path + ".rollbackBatch[" + v.name() + "]", b, n, "instance", "instances", "rollbackBatch"));
            }
        }
        alarmCount(path + ".rollbackAlarms", r.rollbackAlarms());
    }

    private void alarmCount(String path, List<AlarmSpec> alarms) {
        long instanceVariants = spec.variants().stream().filter(v -> v.serverless().isEmpty()).count();
        long total = alarms.size() * Math.max(1, instanceVariants);
        if (total > Checks.MAX_ALARMS) {
            add(path, alarms.size() + " alarms x " + Rules.count(instanceVariants, "variant") + " = " + total,
                    "must be at most " + Checks.MAX_ALARMS + " (AutoRollbackConfiguration): each alarm watches each variant's metrics",
                    "keep at most " + Math.max(1, Checks.MAX_ALARMS / Math.max(1, instanceVariants)) + " alarms");
        }
        for (AlarmSpec a : alarms) {
            if (a.name().isPresent() && instanceVariants > 1) {
                add(path + "[" + a.name().get() + "]", Rules.quote(a.name().get()),
                        "is named explicitly, but it would be one alarm per variant (" + instanceVariants + " variants) under one name",
                        "drop named(..): Ballast names each one <endpoint>-<variant>-<metric>");
            }
        }
    }

    private void rollbackAlarms() {
        Map<String, String> owners = new HashMap<>();
        Map<String, AlarmSpec> definitions = new HashMap<>();
        boolean anyInstanceVariant = false;
        for (VariantSpec v : spec.variants()) {
            if (v.name() == null || v.serverless().isPresent()) {
                continue;
            }
            anyInstanceVariant = true;
            for (AlarmSpec a : spec.rollbackAlarms()) {
                String name = a.metricName() == null ? "" : a.resolvedName(spec.name(), v.name());
                String path = "update.rollbackAlarms[" + (a.metricName() == null ? "?" : name) + "]";
                checks.alarm(path, a, name, "variant");
                String key = name.toLowerCase(Locale.ROOT);
                String owner = owners.putIfAbsent(key, v.name());
                AlarmSpec first = definitions.putIfAbsent(key, a);
                // A name shared across variants only when derived (explicit names over several variants are reported by alarmCount).
                boolean clash = owner != null && (owner.equals(v.name()) ? !a.equals(first) : a.name().isEmpty());
                if (clash) {
                    add(path, Rules.quote(name), owner.equals(v.name())
                                    ? "must be unique: another rollback alarm of variant '" + owner + "' has this name and another definition"
                                    : "must be unique: variant '" + owner + "' already has an alarm of this name",
                            owner.equals(v.name()) ? "name one of them explicitly with Alarm...named(\"...\"), or drop one"
                                    : "rename one of the variants");
                }
            }
        }
        if (!anyInstanceVariant && !spec.rollbackAlarms().isEmpty()) {
            add("update.rollbackAlarms", Rules.count(spec.rollbackAlarms().size(), "alarm"),
                    "watch nothing: every variant is serverless, and serverless updates have no bake to roll back from",
                    "drop rollbackOn(..)");
        }
    }

    /** SageMaker watches rollback alarms only during bakes: without one, they would never roll anything back. */
    private void unwatchedAlarms() {
        if (spec.rollbackAlarms().isEmpty()) {
            return;
        }
        spec.blueGreen().filter(b -> b.bake() != null && b.bake().isZero()).ifPresent(b -> add("update.blueGreen.bake", "0 s",
                "must be above 0 with rollback alarms: SageMaker watches them only while it bakes, so they would never roll the update back",
                "bake after each step, for example bake(Duration.ofMinutes(5))"));
        spec.rollingUpdate().filter(r -> r.waitInterval() != null && r.waitInterval().isZero()).ifPresent(r -> add("update.rolling.wait", "0 s",
                "must be above 0 with rollback alarms: SageMaker watches them only while a batch bakes, so they would never roll the update back",
                "wait after each batch, for example wait(Duration.ofMinutes(5))"));
    }

    private void instanceLimits() {
        if (spec.rollingUpdate().isPresent() && spec.rollingUpdate().get().batch() == null) {
            return; // reported as a missing batch; the peak is unknown
        }
        Map<InstanceType, Integer> running = spec.instancesByType();
        Map<InstanceType, Integer> surge = spec.updateSurgeByType();
        spec.instanceLimits().forEach((type, limit) -> {
            int now = running.getOrDefault(type, 0);
            int extra = surge.getOrDefault(type, 0);
            String path = "instanceLimit[" + type + "]";
            if (limit < 1) {
                add(path, limit, "must be at least 1", "give the account's quota for " + type);
            } else if (now > limit) {
                add(path, limit, "is below the " + now + " " + type + " instances the variants start with",
                        "start fewer instances, or raise the quota (Service Quotas: '" + type + " for endpoint usage')");
            } else if (now + extra > limit) {
                String how = spec.rollingUpdate().isPresent()
                        ? "a rolling update adds one batch per variant beside the running fleet: "
                        : "a blue/green update provisions a full second fleet beside the running one: ";
                long variantsOfType = spec.variants().stream().filter(v -> v.serverless().isEmpty())
                        .filter(v -> v.instanceType().filter(type::equals).isPresent()).count();
                long rollingPeak = now + variantsOfType;
                String fix;
                if (spec.rollingUpdate().isPresent()) {
                    fix = "use a smaller batch, or raise the quota to " + (now + extra);
                } else if (rollingPeak <= limit) {
                    fix = "use a rolling update (update(RollingUpdate.batch(1)...)), whose peak is " + rollingPeak
                            + ", or raise the quota to " + (now + extra);
                } else {
                    fix = "raise the quota to " + (now + extra) + " (even a rolling update of one instance per variant needs " + rollingPeak + ")";
                }
                add(path, limit, "is too low for an update: " + how + now + " running + " + extra + " new = " + (now + extra)
                        + " " + type + " instances at its peak", fix);
            }
        });
    }
}
