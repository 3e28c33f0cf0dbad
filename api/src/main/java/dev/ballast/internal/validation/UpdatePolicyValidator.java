package dev.ballast.internal.validation;

import dev.ballast.InstanceType;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.VariantSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The update policy of a {@link VariantEndpointSpec} (SageMaker's
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
 * guardrails</a>): one policy, blue/green sizes, bakes and timeouts, rolling batches per variant, the rollback
 * alarms on every variant and that something bakes while they are watched, and whether the update's peak fits
 * the instance limits.
 */
final class UpdatePolicyValidator {

    private final VariantEndpointSpec spec;
    private final List<Violation> violations;
    private final Checks checks;

    UpdatePolicyValidator(VariantEndpointSpec spec, List<Violation> violations) {
        this.spec = spec;
        this.violations = violations;
        this.checks = new Checks(violations);
    }

    void check() {
        if (spec.blueGreen().isPresent() && spec.rollingUpdate().isPresent()) {
            checks.add("update", "blue/green and rolling", "must be one policy: SageMaker takes exactly one of BlueGreenUpdatePolicy and RollingUpdatePolicy",
                    "keep one update(..)");
        }
        spec.blueGreen().ifPresent(this::blueGreen);
        spec.rollingUpdate().ifPresent(this::rolling);
        rollbackAlarms();
        unwatchedAlarms();
        if (spec.retainDeploymentConfig() && (spec.blueGreen().isPresent() || spec.rollingUpdate().isPresent())) {
            checks.add("retainDeploymentConfig", true, "conflicts with the update policy the spec gives: SageMaker would use the stored one "
                    + "(and its alarms), not this spec's", "drop retainDeploymentConfig(), or drop update(..)");
        }
        instanceLimits();
    }

    private void blueGreen(BlueGreenSpec b) {
        String path = "update.blueGreen";
        checks.add(Rules.seconds(path + ".bake", b.bake(), 0, 3600));
        b.terminationWait().ifPresent(d -> checks.add(Rules.seconds(path + ".terminationWait", d, 0, 3600)));
        b.maximumExecutionTimeout().ifPresent(d -> checks.add(Rules.seconds(path + ".timeout", d, 600, 28800)));
        boolean serverless = spec.variants().stream().anyMatch(v -> v.serverless().isPresent());
        if (b.routing() == null) {
            checks.add(path + ".routing", null, "is required", "use BlueGreen.allAtOnce(), canary(..) or linear(..)");
            alarmCount(path + ".rollbackAlarms", b.rollbackAlarms());
            return;
        }
        switch (b.routing()) {
            case ALL_AT_ONCE -> b.stepSize().ifPresent(s -> checks.add(path + ".stepSize", s, "must not be set for ALL_AT_ONCE",
                    "drop the size, or use BlueGreen.canary(..) or BlueGreen.linear(..)"));
            case CANARY -> {
                if (b.stepSize().isEmpty()) {
                    checks.add(path + ".canarySize", null, "is required for CANARY", "use BlueGreen.canaryInstances(1) or BlueGreen.canaryPercent(25)");
                } else {
                    canary(path + ".canarySize", b.stepSize().get());
                }
            }
            case LINEAR -> {
                if (b.stepSize().isEmpty()) {
                    checks.add(path + ".linearStepSize", null, "is required for LINEAR", "use BlueGreen.linearPercent(20)");
                } else {
                    linear(path + ".linearStepSize", b.stepSize().get());
                }
            }
        }
        if (serverless && b.routing() != dev.ballast.spec.TrafficRouting.ALL_AT_ONCE) {
            checks.add(path + ".routing", b.routing(), "does not apply to serverless variants: SageMaker updates them all at once, without baking",
                    "use BlueGreen.allAtOnce(), or move the serverless variant to another endpoint");
        }
        // The termination wait is not counted: SageMaker's own example (canary, 600 s bake, 600 s
        // termination wait, 1800 s timeout) allows exactly the bakes and the termination wait.
        b.maximumExecutionTimeout().filter(t -> t.getNano() == 0 && t.getSeconds() >= 600 && t.getSeconds() <= 28800).ifPresent(t -> {
            long bakes = bakes(b);
            long waits = bakes * b.bake().getSeconds();
            if (t.getSeconds() <= waits) {
                checks.add(path + ".timeout", t.getSeconds() + " s", "must exceed the sum of the bakes (" + bakes + " x " + b.bake().getSeconds()
                        + " s = " + waits + " s), or the update times out before it can finish",
                        "allow time to provision the new fleet too: timeout(Duration.ofSeconds(" + Math.min(28800, Math.max(600, waits + 600)) + "))");
            }
        });
        alarmCount(path + ".rollbackAlarms", b.rollbackAlarms());
    }

    /** Linear steps counted in instances take as many bakes as the largest variant needs steps. */
    private long bakes(BlueGreenSpec b) {
        if (b.routing() == dev.ballast.spec.TrafficRouting.LINEAR && b.stepSize().filter(s -> s.unit() == Capacity.Unit.COUNT).isPresent()) {
            long step = b.stepSize().get().value();
            // In long: n + step - 1 overflows an int for fleets and steps near Integer.MAX_VALUE.
            return largestFleet().map(n -> Math.max(1L, (n + step - 1) / step)).orElse(1L);
        }
        return b.bakes();
    }

    private Optional<Integer> largestFleet() {
        return spec.variants().stream().filter(v -> v.serverless().isEmpty()).map(VariantSpec::resolvedInstanceCount).max(Integer::compare);
    }

    /** The smallest instance count of the instance-based variants: canary and linear sizes are shares of it. */
    private Optional<Integer> smallestFleet() {
        return spec.variants().stream().filter(v -> v.serverless().isEmpty()).map(VariantSpec::resolvedInstanceCount).min(Integer::compare);
    }

    private void canary(String path, Capacity size) {
        if (size.unit() == Capacity.Unit.PERCENT) {
            if (size.value() > 50) {
                checks.add(path, size, "must be at most 50% of the variant's instances", "use canaryPercent(50) or less");
            }
            return;
        }
        // In long: size * 2 overflows an int from 2^30 on (canaryInstances(1 << 30) on 2 instances).
        smallestFleet().filter(n -> 2L * size.value() > n).ifPresent(n -> checks.add(path, Rules.count(size.value(), "instance"),
                "must be at most 50% of the variant's instances: " + Rules.count(n, "instance") + (n == 1 ? " allows" : " allow")
                        + (n / 2 == 0 ? " no canary" : " at most " + Rules.count(n / 2, "instance")),
                n / 2 == 0 ? "run at least 2 instances per variant for a canary, or use BlueGreen.allAtOnce()"
                        : "use canaryInstances(" + n / 2 + ")"));
    }

    private void linear(String path, Capacity size) {
        if (size.unit() == Capacity.Unit.PERCENT) {
            if (size.value() < 10 || size.value() > 50) {
                checks.add(path, size, "must be 10-50% of the capacity", "use linearPercent(" + Math.max(10, Math.min(50, size.value())) + ")");
            }
            return;
        }
        for (VariantSpec v : spec.variants()) {
            if (v.serverless().isPresent() || v.name() == null) {
                continue;
            }
            int n = v.resolvedInstanceCount();
            // In long: size * 10, size * 2 and n + 9 overflow an int for values near Integer.MAX_VALUE.
            if (10L * size.value() < n || 2L * size.value() > n) {
                int lower = (int) ((n + 9L) / 10);
                int upper = n / 2;
                checks.add(path, Rules.count(size.value(), "instance"),
                        "must be 10-50% of the variant's " + Rules.count(n, "instance") + " (variant '" + Rules.key(v.name()) + "')",
                        upper < Math.max(1, lower) ? "run at least 2 instances per variant for linear steps, or use BlueGreen.allAtOnce()"
                                : "use linearInstances(" + Math.max(Math.max(1, lower), Math.min(upper, size.value())) + ")"
                                        + (spec.variants().size() > 1 ? ", or linearPercent(..) for variants of different sizes" : ""));
            }
        }
    }

    private void rolling(RollingUpdateSpec r) {
        String path = "update.rolling";
        checks.add(Rules.seconds(path + ".wait", r.waitInterval(), 0, 3600));
        if (r.batch() == null) {
            checks.add(path + ".batch", null, "is required", "say how many new instances to add at a time: RollingUpdate.batch(1)");
        }
        r.maximumExecutionTimeout().ifPresent(t -> checks.add(Rules.seconds(path + ".timeout", t, 600, 28800)));
        for (VariantSpec v : spec.variants()) {
            if (v.name() == null) {
                continue;
            }
            if (v.serverless().isPresent()) {
                checks.add(path, "variant " + Rules.key(v.name()) + " (serverless)", "does not apply to serverless variants: they have no instances to roll",
                        "use update(BlueGreen.allAtOnce())");
                continue;
            }
            int n = v.resolvedInstanceCount();
            if (r.batch() != null && n > 0) {
                checks.batch(path + ".batch[" + Rules.key(v.name()) + "]", r.batch(), n, "instance", "instances", "batch");
                r.rollbackBatch().filter(b -> !Checks.isEverything(b))
                        .ifPresent(b -> checks.batch(path + ".rollbackBatch[" + Rules.key(v.name()) + "]", b, n, "instance", "instances", "rollbackBatch"));
            }
        }
        alarmCount(path + ".rollbackAlarms", r.rollbackAlarms());
        int variants = spec.variants().size() + spec.shadowVariants().size();
        if (variants > 1 && !r.rollbackAlarms().isEmpty()) {
            // SageMaker accepts the call and runs it blue/green, all at once, without a bake: the alarms would guard nothing.
            checks.add(path + ".rollbackAlarms", Rules.count(r.rollbackAlarms().size(), "alarm") + " on " + Rules.count(variants, "variant"),
                    "would roll nothing back: SageMaker's rolling deployments exclude endpoints of several variants and run them"
                            + " blue/green, all at once, without a bake to watch (deployment guardrails exclusions)",
                    "keep the alarms with update(BlueGreen.canaryInstances(1).bake(..).rollbackOn(..)), or roll one variant per endpoint");
        }
    }

    private void alarmCount(String path, List<AlarmSpec> alarms) {
        long instanceVariants = spec.variants().stream().filter(v -> v.serverless().isEmpty()).count();
        long total = alarms.size() * Math.max(1, instanceVariants);
        if (total > Checks.MAX_ALARMS) {
            checks.add(path, alarms.size() + " alarms x " + Rules.count(instanceVariants, "variant") + " = " + total,
                    "must be at most " + Checks.MAX_ALARMS + " (AutoRollbackConfiguration): each alarm watches each variant's metrics",
                    "keep at most " + Math.max(1, Checks.MAX_ALARMS / Math.max(1, instanceVariants)) + " alarms");
        }
        for (AlarmSpec a : alarms) {
            if (a.name().isPresent() && instanceVariants > 1) {
                checks.add(path + "[" + Rules.key(a.name().get()) + "]", Rules.quote(a.name().get()),
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
                String path = "update.rollbackAlarms[" + (a.metricName() == null ? "?" : Rules.key(name)) + "]";
                checks.alarm(path, a, name, "variant");
                String key = name.toLowerCase(Locale.ROOT);
                String owner = owners.putIfAbsent(key, v.name());
                AlarmSpec first = definitions.putIfAbsent(key, a);
                // A name shared across variants only when derived (explicit names over several variants are reported by alarmCount).
                boolean clash = owner != null && (owner.equals(v.name()) ? !a.equals(first) : a.name().isEmpty());
                if (clash) {
                    checks.add(path, Rules.quote(name), owner.equals(v.name())
                                    ? "must be unique: another rollback alarm of variant '" + Rules.key(owner) + "' has this name and another definition"
                                    : "must be unique: variant '" + Rules.key(owner) + "' already has an alarm of this name",
                            owner.equals(v.name()) ? "name one of them explicitly with Alarm...named(\"...\"), or drop one"
                                    : "rename one of the variants");
                }
            }
        }
        if (!anyInstanceVariant && !spec.rollbackAlarms().isEmpty()) {
            checks.add("update.rollbackAlarms", Rules.count(spec.rollbackAlarms().size(), "alarm"),
                    "watch nothing: every variant is serverless, and serverless updates have no bake to roll back from",
                    "drop rollbackOn(..)");
        }
    }

    /** SageMaker watches rollback alarms only during bakes: without one, they would never roll anything back. */
    private void unwatchedAlarms() {
        if (spec.rollbackAlarms().isEmpty()) {
            return;
        }
        spec.blueGreen().filter(b -> b.bake() != null && b.bake().isZero()).ifPresent(b -> checks.add("update.blueGreen.bake", "0 s",
                "must be above 0 with rollback alarms: SageMaker watches them only while it bakes, so they would never roll the update back",
                "bake after each step, for example bake(Duration.ofMinutes(5))"));
        spec.rollingUpdate().filter(r -> r.waitInterval() != null && r.waitInterval().isZero()).ifPresent(r -> checks.add("update.rolling.wait", "0 s",
                "must be above 0 with rollback alarms: SageMaker watches them only while a batch bakes, so they would never roll the update back",
                "wait after each batch, for example wait(Duration.ofMinutes(5))"));
    }

    private void instanceLimits() {
        if (spec.rollingUpdate().isPresent() && spec.rollingUpdate().get().batch() == null) {
            return; // reported as a missing batch; the peak is unknown
        }
        // Counted in long: the instances of ten variants, and a second fleet beside them, overflow an int.
        Map<InstanceType, Long> running = new HashMap<>();
        Map<InstanceType, Long> surge = new HashMap<>();
        for (VariantSpec v : spec.variants()) {
            if (v.serverless().isPresent() || v.instanceType().isEmpty()) {
                continue;
            }
            int count = v.resolvedInstanceCount();
            running.merge(v.instanceType().get(), (long) count, Long::sum);
            surge.merge(v.instanceType().get(), (long) (spec.rollsInBatches() ? spec.rollingUpdate().get().batchSize(count) : count),
                    Long::sum);
        }
        spec.instanceLimits().forEach((type, limit) -> {
            long now = running.getOrDefault(type, 0L);
            long extra = surge.getOrDefault(type, 0L);
            String path = "instanceLimit[" + type + "]";
            if (limit < 1) {
                checks.add(path, limit, "must be at least 1", "give the account's quota for " + type);
            } else if (now > limit) {
                checks.add(path, limit, "is below the " + now + " " + type + " instances the variants start with",
                        "start fewer instances, or raise the quota (Service Quotas: '" + type + " for endpoint usage')");
            } else if (now + extra > limit) {
                String how = spec.rollsInBatches()
                        ? "a rolling update adds one batch beside the running fleet: "
                        : spec.rollingUpdate().isPresent()
                        ? "SageMaker runs a rolling update of several variants blue/green, with a full second fleet beside the running one: "
                        : "a blue/green update provisions a full second fleet beside the running one: ";
                long variantsOfType = spec.variants().stream().filter(v -> v.serverless().isEmpty())
                        .filter(v -> v.instanceType().filter(type::equals).isPresent()).count();
                long rollingPeak = now + variantsOfType;
                String fix;
                if (spec.rollsInBatches()) {
                    fix = "use a smaller batch, or raise the quota to " + (now + extra);
                } else if (spec.variants().size() > 1 || !spec.shadowVariants().isEmpty()) {
                    fix = "raise the quota to " + (now + extra) + " (SageMaker does not roll an endpoint of several variants)";
                } else if (rollingPeak <= limit) {
                    fix = "use a rolling update (update(RollingUpdate.batch(1)...)), whose peak is " + rollingPeak
                            + ", or raise the quota to " + (now + extra);
                } else {
                    fix = "raise the quota to " + (now + extra) + " (even a rolling update of one instance per variant needs " + rollingPeak + ")";
                }
                checks.add(path, limit, "is too low for an update: " + how + now + " running + " + extra + " new = " + (now + extra)
                        + " " + type + " instances at its peak", fix);
            }
        });
    }
}
