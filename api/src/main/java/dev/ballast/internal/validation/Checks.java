package dev.ballast.internal.validation;

import dev.ballast.Secret;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.CustomMetricSpec;
import dev.ballast.spec.StepScalingSpec;
import dev.ballast.spec.Statistic;
import dev.ballast.spec.Capacity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks the endpoint validators share: container environments, rolling batch sizes and
 * CloudWatch alarms. Each adds its violations to the list it was made with.
 */
final class Checks {

    static final int MAX_ENVIRONMENT = 100;
    static final int MAX_ALARMS = 10;

    private final List<Violation> violations;

    Checks(List<Violation> violations) {
        this.violations = violations;
    }

    void add(Optional<Violation> v) {
        v.ifPresent(violations::add);
    }

    void add(String path, Object value, String rule, String fix) {
        violations.add(Violation.of(path, value, rule, fix));
    }

    /** At most 100 variables, valid keys and value lengths, no key both plain and secret; secret values never shown. */
    void environment(String path, Map<String, String> plain, Map<String, Secret> secret) {
        int size = plain.size() + secret.size();
        if (size > MAX_ENVIRONMENT) {
            add(path + ".env", Rules.count(size, "variable"), "must have at most " + MAX_ENVIRONMENT + " variables",
                    "drop " + Rules.count(size - MAX_ENVIRONMENT, "variable"));
        }
        plain.forEach((k, v) -> violations.addAll(Rules.envEntry(path + ".env[" + Rules.key(k) + "]", k, v)));
        secret.forEach((k, v) -> {
            violations.addAll(Rules.secretEnvEntry(path + ".env[" + Rules.key(k) + "]", k, v.length()));
            if (plain.containsKey(k)) {
                add(path + ".env[" + Rules.key(k) + "]", Secret.MASK, "is set both as a plain and as a secret value",
                        "keep only secretEnv(" + Rules.quote(k) + ", ...)");
            }
        });
    }

    /** A rollback batch of 100% is SageMaker's own default: restore everything at once. */
    static boolean isEverything(Capacity b) {
        return b.unit() == Capacity.Unit.PERCENT && b.value() == 100;
    }

    /**
     * SageMaker requires a rolling batch of 5-50% of the copy (or instance) count. The smallest
     * possible batch is one, so the allowed range is max(1, ceil(5%)) to max(1, floor(50%)): with 1
     * to 3 copies exactly one at a time.
     *
     * @param unit the singular of what is counted, for example {@code copy} or {@code instance}
     * @param units its plural
     */
    void batch(String path, Capacity batch, int total, String unit, String units, String verb) {
        int lower = Math.max(1, (int) Math.ceil(total * 0.05));
        int upper = Math.max(1, total / 2);
        int resolved = batch.resolve(total);
        if (resolved < lower || resolved > upper) {
            String shown = batch.unit() == Capacity.Unit.COUNT ? Rules.count(resolved, unit, units)
                    : batch + " = " + Rules.count(resolved, unit, units);
            String range = lower == upper ? "exactly " + Rules.count(lower, unit, units)
                    : lower + " to " + upper + " " + units;
            String smallNote = total <= 3 ? " (the smallest batch is one " + unit + ", so with " + Rules.count(total, unit, units)
                    + " it must be 1)" : "";
            String all = Rules.count(total, unit, units);
            add(path, shown, "must be 5-50% of the " + unit + " count: " + all + (total == 1 ? " allows " : " allow ") + range + smallNote,
                    "use " + verb + "(" + Math.max(lower, Math.min(upper, resolved)) + ")");
        }
    }

    /**
     * Every CloudWatch rule of one alarm.
     *
     * @param name the alarm's resolved CloudWatch name
     * @param boundTo what SageMaker metrics are bound to, for the message: {@code component} or {@code variant}
     */
    void alarm(String path, AlarmSpec a, String name, String boundTo) {
        if (a.metricName() == null) {
            add(path + ".metric", null, "is required", "name the metric, for example Invocation4XXErrors");
            return;
        }
        add(Rules.alarmName(path + ".name", name,
                a.name().isPresent() ? "" : " (the name derived from endpoint, " + boundTo + " and metric)",
                "give the alarm a shorter name with named(\"...\")"));
        add(Rules.metricName(path + ".metric", a.metricName()));
        add(Rules.namespace(path + ".namespace", a.namespace()));
        if (a.threshold().isEmpty()) {
            add(path + ".threshold", null, "is required", "say when the alarm fires, for example above(5)");
        } else if (a.threshold().get().isNaN() || a.threshold().get().isInfinite()) {
            add(path + ".threshold", a.threshold().get(), "must be a finite number", "use a number such as above(5)");
        }
        long seconds = a.period().getSeconds();
        Optional<Violation> periodViolation = Rules.alarmPeriod(path + ".period", a.period());
        add(periodViolation);
        boolean validPeriod = periodViolation.isEmpty();
        add(Rules.atLeast(path + ".evaluationPeriods", a.evaluationPeriods(), 1, "evaluate at least one period"));
        a.datapointsToAlarm().ifPresent(d -> {
            if (d < 1 || d > a.evaluationPeriods()) {
                add(path + ".datapointsToAlarm", d, "must be between 1 and the " + a.evaluationPeriods() + " evaluation periods",
                        "use datapointsToAlarm(" + Math.max(1, Math.min(d, a.evaluationPeriods())) + ") or evaluate more periods");
            }
        });
        if (validPeriod && a.evaluationPeriods() >= 1 && seconds * a.evaluationPeriods() > 86_400) {
            add(path + ".evaluationPeriods", a.evaluationPeriods() + " x " + seconds + " s",
                    "must not evaluate more than one day (86400 s)", "evaluate at most " + (86_400 / seconds) + " periods of " + seconds + " s");
        }
        a.description().ifPresent(d -> add(Rules.alarmDescription(path + ".description", d)));
        if (!a.dimensions().isEmpty() && a.namespace().equals(AlarmSpec.SAGEMAKER_NAMESPACE)) {
            add(path + ".dimensions", a.dimensions().keySet().stream().map(Rules::key).toList(), "must not be set on an AWS/SageMaker metric: Ballast binds it to its " + boundTo,
                    "remove the dimensions, or use a custom namespace");
        }
        if (a.dimensions().size() > 30) {
            add(path + ".dimensions", a.dimensions().size() + " dimensions", "must be at most 30", "drop some dimensions");
        }
        a.dimensions().forEach((k, v) -> violations.addAll(Rules.dimension(path + ".dimensions[" + Rules.key(k) + "]", k, v)));
    }

    /** Timeouts and waits given in whole seconds within a range. */
    void seconds(String path, Duration d, long min, long max) {
        add(Rules.seconds(path, d, min, max));
    }
    /**
     * A target-tracking auto scaling policy of a variant's instances or a component's copies.
     *
     * @param forComponent whether it scales a component's copies (minimum 0) or a variant's instances (minimum 1)
     * @param count the copies or instances the resource starts with, if known
     * @param endpointName the endpoint, for the names of step-scaling alarms
     * @param resourceName the variant or component, for the names of policies and alarms
     */
    void autoScaling(String path, AutoScalingSpec a, boolean forComponent, Optional<Integer> count, String endpointName,
                     String resourceName) {
        String unit = forComponent ? "copies" : "instances";
        int floor = forComponent ? 0 : 1;
        if (a.min() < floor) {
            add(path + ".min", a.min(), "must be at least " + floor + (forComponent ? "" : " (a variant without instances answers nothing)"),
                    "use AutoScaling.between(" + floor + ", " + Math.max(floor, a.max()) + ")");
        }
        if (a.max() < 1) {
            add(path + ".max", a.max(), "must be at least 1", "use AutoScaling.between(" + Math.max(0, a.min()) + ", " + Math.max(1, a.min()) + ")");
        } else if (a.min() > a.max()) {
            add(path, a.min() + ".." + a.max(), "min must not exceed max", "swap them: AutoScaling.between(" + a.max() + ", " + a.min() + ")");
        }
        if (!a.tracks() && a.stepPolicies().isEmpty()) {
            add(path + ".metric", null, "is required", forComponent ? "track a metric, for example invocationsPerCopy(10), or add stepScaling(..)"
                    : "track a metric, for example invocationsPerInstance(70), or add stepScaling(..)");
        }
        trackedMetrics(path, a);
        if (!a.tracks()) {
            // step scaling only: nothing of target tracking to check
        } else if (a.metric().isEmpty() && a.customMetric().isEmpty() && a.metricMath().isEmpty()) {
            add(path + ".metric", null, "is required", forComponent ? "track a metric, for example invocationsPerCopy(10)"
                    : "track a metric, for example invocationsPerInstance(70)");
        } else if (a.metric().isPresent() && a.metric().get() == dev.ballast.spec.ScalingMetric.PROVISIONED_CONCURRENCY_UTILIZATION) {
            add(path + ".metric", a.metric().get(), "belongs to serverless variants with provisioned concurrency, not to "
                    + (forComponent ? "inference components" : "variants on instances"),
                    forComponent ? "use invocationsPerCopy(..) or concurrentRequestsPerCopy(..)"
                            : "use invocationsPerInstance(..) or concurrentRequestsPerModel(..)");
        } else if (a.metric().isPresent() && a.metric().get().forComponents() != forComponent) {
            add(path + ".metric", a.metric().get(), "belongs to " + (forComponent ? "endpoint variants" : "inference components")
                    + ", not to " + (forComponent ? "inference components" : "endpoint variants"),
                    forComponent ? "use invocationsPerCopy(..) or concurrentRequestsPerCopy(..)"
                            : "use invocationsPerInstance(..) or concurrentRequestsPerModel(..)");
        }
        if (a.tracks() && a.targetValue().isEmpty()) {
            add(path + ".targetValue", null, "is required", "say which value to keep the metric near, for example invocationsPerInstance(70)");
        } else if (a.targetValue().isPresent() && (!(a.targetValue().get() > 0) || a.targetValue().get().isInfinite())) {
            add(path + ".targetValue", a.targetValue().get(), "must be a finite number above 0", "use a target such as 70");
        }
        policies(path, a, endpointName, resourceName, forComponent ? "component" : "variant");
        count.filter(n -> a.min() <= a.max() && (n < a.min() || n > a.max())).ifPresent(n -> add(path, a.min() + ".." + a.max(),
                "must include the " + Rules.count(n, forComponent ? "copy" : "instance", unit) + " the resource starts with (Application Auto Scaling would move it at once)",
                "start with " + Math.max(a.min(), Math.min(a.max(), n)) + " " + unit + ", or widen the range"));
    }

    /**
     * Auto scaling of a serverless variant's provisioned concurrency
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">automatically
     * scale Provisioned Concurrency for a serverless endpoint</a>): the variant must have provisioned concurrency
     * to scale, the bounds lie within 1 and its {@code MaxConcurrency} (which {@code ProvisionedConcurrency} may
     * not exceed), and the predefined metric is {@code SageMakerVariantProvisionedConcurrencyUtilization}, a
     * share of the provisioned concurrency in use, so its target lies in (0, 1].
     */
    void provisionedConcurrencyScaling(String path, AutoScalingSpec a, dev.ballast.spec.Serverless s, String endpointName,
                                       String variantName) {
        if (s.provisionedConcurrency().isEmpty()) {
            add(path, a, "scales a serverless variant's provisioned concurrency, and this variant has none",
                    "keep some invocations warm first, for example provisionedConcurrency(1), or drop autoScaling(..)");
        }
        if (a.min() < 1) {
            add(path + ".min", a.min(), "must be at least 1 (provisioned concurrency is 1 or more)",
                    "use AutoScaling.between(1, " + Math.max(1, a.max()) + ")");
        }
        if (a.min() > a.max()) {
            add(path, a.min() + ".." + a.max(), "min must not exceed max", "swap them: AutoScaling.between(" + a.max() + ", " + a.min() + ")");
        } else if (a.max() > s.maxConcurrency()) {
            add(path + ".max", a.max(), "must not exceed the variant's maximum concurrency of " + s.maxConcurrency()
                    + " (provisioned concurrency cannot)", "use AutoScaling.between(" + Math.min(a.min(), s.maxConcurrency()) + ", "
                    + s.maxConcurrency() + "), or raise serverless(memoryMb, maxConcurrency)");
        }
        if (!a.tracks() && a.stepPolicies().isEmpty()) {
            add(path + ".metric", null, "is required", "track provisionedConcurrencyUtilization(0.5), or add stepScaling(..)");
        }
        trackedMetrics(path, a);
        if (a.tracks() && a.metric().isEmpty() && a.customMetric().isEmpty() && a.metricMath().isEmpty()) {
            add(path + ".metric", null, "is required", "track provisionedConcurrencyUtilization(0.5)");
        } else if (a.metric().isPresent() && a.metric().get() != dev.ballast.spec.ScalingMetric.PROVISIONED_CONCURRENCY_UTILIZATION) {
            add(path + ".metric", a.metric().get(), "does not apply to a serverless variant, which scales its provisioned concurrency",
                    "use provisionedConcurrencyUtilization(..), or target(CustomMetric..)");
        }
        if (a.tracks() && a.targetValue().isEmpty()) {
            add(path + ".targetValue", null, "is required", "say which value to keep the metric near, for example provisionedConcurrencyUtilization(0.5)");
        } else if (a.targetValue().isPresent() && (!(a.targetValue().get() > 0) || a.targetValue().get().isInfinite())) {
            add(path + ".targetValue", a.targetValue().get(), "must be a finite number above 0", "use a target such as 0.5");
        } else if (a.targetValue().isPresent() && a.metric().filter(m -> m == dev.ballast.spec.ScalingMetric.PROVISIONED_CONCURRENCY_UTILIZATION).isPresent()
                && a.targetValue().get() > 1) {
            add(path + ".targetValue", a.targetValue().get(), "must be at most 1: the utilization is the share of the provisioned concurrency in use",
                    "use a fraction such as provisionedConcurrencyUtilization(0.5)");
        }
        policies(path, a, endpointName, variantName, "variant");
        s.provisionedConcurrency().filter(n -> a.min() <= a.max() && (n < a.min() || n > a.max())).ifPresent(n -> add(path, a.min() + ".." + a.max(),
                "must include the provisioned concurrency of " + n + " the variant starts with (Application Auto Scaling would move it at once)",
                "start with provisionedConcurrency(" + Math.max(a.min(), Math.min(a.max(), n)) + "), or widen the range"));
    }

    /** Cooldowns, policy names and step-scaling policies: the same for every scaled resource. */
    private void policies(String path, AutoScalingSpec a, String endpointName, String resourceName, String kind) {
        a.scaleOutCooldown().ifPresent(d -> add(Rules.seconds(path + ".scaleOutCooldown", d, 0, 86_400)));
        a.scaleInCooldown().ifPresent(d -> add(Rules.seconds(path + ".scaleInCooldown", d, 0, 86_400)));
        a.policyName().ifPresent(n -> add(Rules.policyName(path + ".policyName", n)));
        java.util.Set<String> policies = new java.util.HashSet<>();
        java.util.Set<String> alarms = new java.util.HashSet<>();
        if (a.tracks()) {
            policies.add(a.resolvedPolicyName(resourceName));
        }
        for (int i = 0; i < a.stepPolicies().size(); i++) {
            StepScalingSpec p = a.stepPolicies().get(i);
            String at = path + ".stepScaling[" + i + "]";
            stepScaling(at, p, endpointName, resourceName, kind);
            if (p.alarm().metricName() != null && !policies.add(p.resolvedPolicyName(resourceName))) {
                add(at + ".policyName", p.resolvedPolicyName(resourceName), "is the name of another scaling policy of " + resourceName,
                        "name this policy with policyName(\"...\")");
            }
            if (p.alarm().metricName() != null && !alarms.add(p.resolvedAlarmName(endpointName, resourceName))) {
                add(at + ".alarm.name", p.resolvedAlarmName(endpointName, resourceName), "is the alarm of another step-scaling policy",
                        "give each policy its own alarm, named with Alarm.named(\"...\")");
            }
        }
        a.scaleOutFromZero().filter(p -> kind.equals("component")).ifPresent(p -> {
            String at = path + ".scaleOutFromZero";
            stepScaling(at, p, endpointName, resourceName, kind);
            if (!policies.add(p.resolvedPolicyName(resourceName))) {
                add(at + ".policyName", p.resolvedPolicyName(resourceName), "is the name of another scaling policy of " + resourceName
                        + " (Ballast puts this one for scaling out from 0 copies)", "name your own policy with policyName(\"...\")");
            }
            if (!alarms.add(p.resolvedAlarmName(endpointName, resourceName))) {
                add(at + ".alarm.name", p.resolvedAlarmName(endpointName, resourceName), "is the alarm of another step-scaling policy"
                        + " (Ballast puts this one for scaling out from 0 copies)", "name your own alarm with Alarm.named(\"...\")");
            }
        });
        a.scaleOutFromZeroCopies().ifPresent(n -> {
            if (!kind.equals("component")) {
                add(path + ".scaleOutFromZero", n, "applies only to inference components (a variant cannot scale to 0 instances)",
                        "remove scaleOutFromZero(..)");
            } else if (a.min() != 0) {
                add(path + ".scaleOutFromZero", n, "applies only when the component scales from 0 copies (min is " + a.min() + ")",
                        "use AutoScaling.between(0, " + Math.max(1, a.max()) + "), or remove scaleOutFromZero(..)");
            } else if (n < 1 || n > a.max()) {
                add(path + ".scaleOutFromZero", n, "must be between 1 and the maximum of " + a.max() + " copies",
                        "use scaleOutFromZero(1)");
            }
        });
    }

    /** The custom metric or metric math tracked, and that a policy tracks only one of the three kinds. */
    private void trackedMetrics(String path, AutoScalingSpec a) {
        a.customMetric().ifPresent(m -> customMetric(path + ".customMetric", m));
        if (!a.metricMath().isEmpty()) {
            metricMath(path + ".metricMath", a.metricMath());
        }
        int kinds = (a.metric().isPresent() ? 1 : 0) + (a.customMetric().isPresent() ? 1 : 0) + (a.metricMath().isEmpty() ? 0 : 1);
        if (kinds > 1) {
            add(path + ".metric", a.metric().map(Object::toString).orElse(a.customMetric().map(Object::toString).orElse("metric math")),
                    "and " + (a.metric().isPresent() && a.customMetric().isPresent() ? "a custom metric" : "metric math")
                            + " cannot both be tracked (one target-tracking policy tracks one metric)",
                    "keep one target(..)");
        }
    }

    private static final java.util.regex.Pattern MATH_ID = java.util.regex.Pattern.compile("[a-z][A-Za-z0-9_]*");

    /**
     * Target tracking on metric math, by Application Auto Scaling's rules
     * (<a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingMetricDataQuery.html">
     * TargetTrackingMetricDataQuery</a>): ids of letters, digits and underscores starting with a lowercase
     * letter (at most 255 characters) and unique; each query a metric or an expression, not both; exactly one
     * query returns its data; and, Ballast's own rule, every expression within the subset its fake evaluates
     * ({@link dev.ballast.internal.metricmath.Expression}), naming only ids of the policy's other queries.
     */
    private void metricMath(String path, List<dev.ballast.spec.CustomMetricSpec.MathQuery> queries) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> all = new java.util.HashSet<>();
        queries.forEach(q -> all.add(q.id()));
        int returned = 0;
        for (int i = 0; i < queries.size(); i++) {
            dev.ballast.spec.CustomMetricSpec.MathQuery q = queries.get(i);
            String at = path + "[" + Rules.key(q.id()) + "]";
            if (q.id() == null || !MATH_ID.matcher(q.id()).matches() || q.id().length() > 255) {
                add(at + ".id", q.id(), "must be letters, digits and underscores starting with a lowercase letter (at most 255 characters)",
                        "use an id such as m1 or e1");
            } else if (!ids.add(q.id())) {
                add(at + ".id", q.id(), "is the id of another query of this policy", "give each query its own id");
            }
            if (q.returnData()) {
                returned++;
            }
            if (q.metric().isPresent() == q.expression().isPresent()) {
                add(at, q, "must be either a metric or an expression", q.metric().isPresent() ? "drop the expression or the metric"
                        : "give it a metric (metric(id, CustomMetric..)) or an expression (expression(id, \"..\"))");
            }
            q.metric().ifPresent(m -> customMetric(at + ".metric", m));
            q.expression().ifPresent(e -> {
                try {
                    dev.ballast.internal.metricmath.Expression parsed = dev.ballast.internal.metricmath.Expression.parse(e);
                    for (String id : parsed.ids()) {
                        if (id.equals(q.id()) || !all.contains(id)) {
                            add(at + ".expression", e, "names " + id + ", which is " + (id.equals(q.id()) ? "the expression itself"
                                    : "not a query of this policy"), "add metric(\"" + id + "\", CustomMetric..), or name another query");
                        }
                    }
                } catch (dev.ballast.internal.metricmath.Expression.Unsupported u) {
                    add(at + ".expression", e, "is outside the metric math Ballast supports (and its fake evaluates): the expression "
                            + u.getMessage(), "write it with " + dev.ballast.internal.metricmath.Expression.SUBSET);
                }
            });
        }
        if (returned != 1) {
            add(path, returned + " queries returning data", "must have exactly one query whose data the policy tracks (ReturnData)",
                    "start from MetricMath.of(\"<expression>\"): it returns that expression's data and no other");
        }
    }

    /** A custom metric for target tracking: name, namespace and dimensions by CloudWatch's rules. */
    private void customMetric(String path, CustomMetricSpec m) {
        add(Rules.metricName(path + ".metricName", m.metricName()));
        if (m.namespace().isEmpty()) {
            add(path + ".namespace", null, "is required", "say where the metric is published, for example namespace(\"Custom/LLM\")");
        } else {
            add(Rules.namespace(path + ".namespace", m.namespace().get()));
        }
        if (m.dimensions().size() > 30) {
            add(path + ".dimensions", m.dimensions().size() + " dimensions", "must be at most 30", "drop some dimensions");
        }
        m.dimensions().forEach((k, v) -> violations.addAll(Rules.dimension(path + ".dimensions[" + Rules.key(k) + "]", k, v)));
    }

    /**
     * A step-scaling policy, by Application Auto Scaling's rules
     * (<a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html">StepAdjustment</a>,
     * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html">
     * StepScalingPolicyConfiguration</a>): at least one step, one adjustment type, steps that neither
     * overlap nor leave a gap, at most one without a lower and one without an upper bound, none
     * without both, a non-negative exact capacity, {@code MinAdjustmentMagnitude} (at least 1) only
     * with percentages, an aggregation of Average, Minimum or Maximum. The documentation gives no
     * upper limit of {@code Cooldown}; Ballast keeps it to a day, as for target tracking.
     */
    private void stepScaling(String path, StepScalingSpec p, String endpointName, String resourceName, String boundTo) {
        alarm(path + ".alarm", p.alarm(), p.alarm().metricName() == null ? "" : p.resolvedAlarmName(endpointName, resourceName), boundTo);
        if (p.alarm().metricName() != null) {
            p.policyName().ifPresent(n -> add(Rules.policyName(path + ".policyName", n)));
            if (p.policyName().isEmpty()) {
                add(Rules.policyName(path + ".policyName", p.resolvedPolicyName(resourceName)));
            }
        }
        p.cooldown().ifPresent(d -> add(Rules.seconds(path + ".cooldown", d, 0, 86_400)));
        p.aggregation().filter(s -> s == Statistic.SUM || s == Statistic.SAMPLE_COUNT).ifPresent(s -> add(path + ".aggregation", s,
                "must be AVERAGE, MINIMUM or MAXIMUM (MetricAggregationType)", "use aggregation(Statistic.AVERAGE)"));
        List<StepScalingSpec.Step> steps = p.steps();
        if (steps.isEmpty()) {
            add(path + ".steps", "none", "needs at least one step", "say what to do, for example add(1)");
            return;
        }
        java.util.Set<StepScalingSpec.AdjustmentType> types = java.util.EnumSet.noneOf(StepScalingSpec.AdjustmentType.class);
        steps.forEach(s -> types.add(s.type()));
        if (types.size() > 1) {
            add(path + ".steps", types, "must all use one adjustment type (AdjustmentType is the policy's)",
                    "use only add/remove, only addPercent/removePercent, or only setTo in one policy");
        }
        p.minAdjustmentMagnitude().ifPresent(m -> {
            if (!types.equals(java.util.EnumSet.of(StepScalingSpec.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY))) {
                add(path + ".minAdjustmentMagnitude", m, "is only valid with PercentChangeInCapacity steps",
                        "drop atLeast(..), or use addPercent/removePercent");
            } else if (m < 1) {
                add(path + ".minAdjustmentMagnitude", m, "must be at least 1", "use atLeast(1) or more");
            }
        });
        int noLower = 0;
        int noUpper = 0;
        boolean negativeLower = false;
        boolean positiveUpper = false;
        boolean wellFormed = true;
        for (int i = 0; i < steps.size(); i++) {
            StepScalingSpec.Step s = steps.get(i);
            String at = path + ".steps[" + i + "]";
            Optional<Double> lo = p.relativeLower(s);
            Optional<Double> hi = p.relativeUpper(s);
            if (s.type() == StepScalingSpec.AdjustmentType.EXACT_CAPACITY && s.adjustment() < 0) {
                add(at, s, "must set a capacity of 0 or more", "use setTo(0) or more");
            }
            if (lo.isEmpty() && hi.isEmpty()) {
                add(at, s, "must have a lower or an upper bound (Application Auto Scaling refuses a step with neither)",
                        "bound it with from(..) or to(..)");
                wellFormed = false;
            } else if (lo.isPresent() && hi.isPresent() && lo.get() >= hi.get()) {
                add(at, s, "must start below where it ends", "swap from(..) and to(..)");
                wellFormed = false;
            }
            noLower += lo.isEmpty() ? 1 : 0;
            noUpper += hi.isEmpty() ? 1 : 0;
            negativeLower |= lo.isPresent() && lo.get() < 0;
            positiveUpper |= hi.isPresent() && hi.get() > 0;
        }
        String threshold = p.alarm().threshold().map(t -> " (the alarm's threshold is " + Statistics.number(t) + ")").orElse("");
        if (noLower > 1) {
            add(path + ".steps", p.steps(), "may have at most one step without a lower bound" + threshold, "give the others a from(..)");
            wellFormed = false;
        }
        if (noUpper > 1) {
            add(path + ".steps", p.steps(), "may have at most one step without an upper bound" + threshold, "give the others a to(..)");
            wellFormed = false;
        }
        if (negativeLower && noLower == 0) {
            add(path + ".steps", p.steps(), "start below the threshold, so one step must be unbounded below" + threshold,
                    "leave the lowest step's from(..) out");
            wellFormed = false;
        }
        if (positiveUpper && noUpper == 0) {
            add(path + ".steps", p.steps(), "end above the threshold, so one step must be unbounded above" + threshold,
                    "leave the highest step's to(..) out");
            wellFormed = false;
        }
        if (wellFormed && p.alarm().threshold().isPresent()) {
            List<StepScalingSpec.Step> sorted = new java.util.ArrayList<>(steps);
            sorted.sort(java.util.Comparator.comparing(s -> p.relativeLower(s).orElse(Double.NEGATIVE_INFINITY)));
            for (int i = 1; i < sorted.size(); i++) {
                Optional<Double> end = p.relativeUpper(sorted.get(i - 1));
                Optional<Double> start = p.relativeLower(sorted.get(i));
                if (!end.equals(start)) {
                    double t = p.alarm().threshold().get();
                    add(path + ".steps", sorted.get(i - 1) + " then " + sorted.get(i), "must neither overlap nor leave a gap"
                            + threshold, "let each step start where the one before ends: from("
                            + end.map(e -> Statistics.number(e + t)).orElse("..") + ")");
                }
            }
        }
    }

    /** Number formatting for messages. */
    private static final class Statistics {
        static String number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
