package dev.ballast.internal.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.ballast.Secret;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.RollingUpdateSpec;

/**
 * Checks a whole {@link ComponentEndpointSpec} against every rule the SageMaker and CloudWatch APIs give
 * for its fields, the cross-field rules, and capacity, and throws one
 * {@link SpecValidationException} with all violations in the order the spec declares its fields.
 */
final class ComponentEndpointValidator {

    private static final int MAX_ALARMS = Checks.MAX_ALARMS;

    private final ComponentEndpointSpec spec;
    private final List<Violation> violations = new ArrayList<>();
    private final Checks checks = new Checks(violations);

    private ComponentEndpointValidator(ComponentEndpointSpec spec) {
        this.spec = spec;
    }

    /** @return every violation of {@code spec}, empty if it is valid */
    static List<Violation> violations(ComponentEndpointSpec spec) {
        List<Violation> nulls = Nulls.of(spec);
        if (!nulls.isEmpty()) {
            return nulls; // the other rules read these values
        }
        ComponentEndpointValidator validator = new ComponentEndpointValidator(spec);
        validator.endpoint();
        return List.copyOf(validator.violations);
    }

    private void endpoint() {
        checks.add(Rules.endpointName("name", spec.name()));
        if (spec.instanceType() == null) {
            checks.add("instanceType", null, "is required", "start with Endpoint.on(\"ml.g5.2xlarge\") or set instanceType(..)");
        }
        checks.add(Rules.endpointName("variantName", spec.variantName()));
        spec.initialInstanceCount().ifPresent(n -> checks.add(Rules.atLeast("instances", n, 1, "start with at least one instance: instances(1)")));
        spec.scaling().ifPresent(s -> spec.initialInstanceCount().ifPresent(n -> {
            if (n > s.max()) {
                checks.add("instances", n, "must not exceed the scaling maximum of " + s.max(),
                        "start with at most " + s.max() + " instances, or raise the maximum: scale(" + s.min() + ", " + n + ")");
            }
        }));
        spec.modelDataDownloadTimeout().ifPresent(d -> checks.add(Rules.seconds("modelDataDownloadTimeout", d, 60, 3600)));
        spec.containerStartupHealthCheckTimeout().ifPresent(d -> checks.add(Rules.seconds("containerStartupHealthCheckTimeout", d, 60, 3600)));
        if (spec.executionRoleArn().isPresent()) {
            checks.add(Rules.roleArn("executionRole", spec.executionRoleArn().get()));
        } else {
            checks.add("executionRole", null, "is required for an endpoint that hosts inference components",
                    "add executionRole(\"arn:aws:iam::<account>:role/<role SageMaker can assume>\")");
        }
        EndpointValidator.configurationSettings(spec, checks, violations);
        components();
        if (spec.instanceType() != null) {
            CapacityCheck.check(spec).ifPresent(violations::add);
        }
    }

    private void components() {
        Map<String, String> seen = new HashMap<>();
        Map<String, String> alarmOwners = new HashMap<>();
        Map<String, AlarmSpec> alarmDefinitions = new HashMap<>();
        for (int i = 0; i < spec.components().size(); i++) {
            ComponentSpec c = spec.components().get(i);
            if (c.name() == null) {
                checks.add("component[" + i + "].name", null, "is required", "name the component: Component.named(\"llm\")");
                continue;
            }
            String path = "component[" + Rules.key(c.name()) + "]";
            String previous = seen.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.name());
            if (previous != null) {
                checks.add(path + ".name", Rules.quote(c.name()), "must be unique on the endpoint (SageMaker compares names without case; '"
                        + Rules.key(previous) + "' is already there)", "rename one of the components");
            }
            component(path, c);
            c.rollingUpdate().ifPresent(r -> r.rollbackAlarms().stream().filter(a -> a.metricName() != null).forEach(a -> {
                String name = a.resolvedName(spec.name(), c.name());
                String key = name.toLowerCase(Locale.ROOT);
                String owner = alarmOwners.putIfAbsent(key, c.name());
                if (owner != null && !(owner.equals(c.name()) && a.equals(alarmDefinitions.get(key)))) {
                    checks.add(path + ".rollingUpdate.rollbackAlarms[" + Rules.key(name) + "]", Rules.quote(name),
                            "must be unique: component '" + Rules.key(owner) + "' already defines an alarm of this name",
                            "name one of them explicitly with Alarm...named(\"...\")");
                }
                alarmDefinitions.putIfAbsent(key, a);
            }));
        }
    }

    private void component(String path, ComponentSpec c) {
        checks.add(Rules.componentName(path + ".name", c.name()));
        if (c.isAdapter()) {
            adapter(path, c);
            return;
        }
        if (c.image().isEmpty()) {
            checks.add(path + ".image", null, "is required", "give the container image URI: image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
        } else {
            checks.add(Rules.image(path + ".image", c.image().get()));
        }
        checks.environment(path, c.environment(), c.secretEnvironment());
        c.modelDataUrl().ifPresent(u -> checks.add(Rules.s3Url(path + ".modelData", u)));
        c.accelerators().ifPresent(a -> checks.add(Rules.atLeast(path + ".accelerators", a, 1,
                "reserve at least one accelerator per copy, or leave accelerators unset for a CPU model")));
        c.cpuCores().ifPresent(cpu -> {
            if (!(cpu >= 0.25) || cpu.isInfinite()) {
                checks.add(path + ".cpuCores", cpu, "must be at least 0.25", "reserve at least a quarter of a vCPU: cpuCores(0.25)");
            }
        });
        if (c.minMemoryMb().isEmpty()) {
            checks.add(path + ".memoryMb", null, "is required (MinMemoryRequiredInMb)", "reserve memory per copy, for example memoryMb(1024)");
        } else {
            checks.add(Rules.atLeast(path + ".memoryMb", c.minMemoryMb().get(), 128, "reserve at least 128 MiB per copy: memoryMb(128)"));
        }
        c.maxMemoryMb().ifPresent(max -> {
            checks.add(Rules.atLeast(path + ".maxMemoryMb", max, 128, "cap memory at 128 MiB or more"));
            c.minMemoryMb().filter(min -> max < min).ifPresent(min -> checks.add(path + ".maxMemoryMb", max,
                    "must not be below the reserved memory of " + min + " MiB", "use maxMemoryMb(" + min + ") or more"));
        });
        if (c.copies().isEmpty()) {
            checks.add(path + ".copies", null, "is required", "say how many copies to run, for example copies(2)");
        } else {
            checks.add(Rules.atLeast(path + ".copies", c.copies().get(), 0, "use 0 to keep the component without copies, or more"));
        }
        c.modelDataDownloadTimeout().ifPresent(d -> checks.add(Rules.seconds(path + ".modelDataDownloadTimeout", d, 60, 3600)));
        c.containerStartupHealthCheckTimeout().ifPresent(d -> checks.add(Rules.seconds(path + ".containerStartupHealthCheckTimeout", d, 60, 3600)));
        c.rollingUpdate().ifPresent(r -> rollingUpdate(path + ".rollingUpdate", c, r));
        c.autoScaling().ifPresent(a -> checks.autoScaling(path + ".autoScaling", a, true, c.copies(), spec.name(), c.name()));
    }

    /**
     * An adapter component: its base is a component of this endpoint that is not an adapter itself,
     * its artifact is given, and it has nothing of a copy (SageMaker: "omit ComputeResourceRequirements";
     * image, environment, copies, timeouts, rolling policy and auto scaling belong to the base).
     */
    private void adapter(String path, ComponentSpec c) {
        String baseName = c.baseComponent().orElseThrow();
        String basePath = path + ".adapterOf";
        Optional<ComponentSpec> base = spec.components().stream().filter(o -> baseName.equals(o.name())).findFirst();
        List<String> bases = spec.components().stream().filter(o -> o.name() != null && !o.isAdapter()).map(ComponentSpec::name).toList();
        String choose = bases.isEmpty() ? "add the base component (the foundation model) to the endpoint: .component(Component.named(\"llm\")...)"
                : "name one of the endpoint's base components: " + String.join(", ", bases.stream().map(n -> "adapterOf(\"" + n + "\")").toList());
        if (Rules.componentName(basePath, baseName).isPresent()) {
            checks.add(Rules.componentName(basePath, baseName));
        } else if (baseName.equals(c.name())) {
            checks.add(basePath, Rules.quote(baseName), "must name another component, not the adapter itself", choose);
        } else if (base.isEmpty()) {
            checks.add(basePath, Rules.quote(baseName), "must name a component of this endpoint (the base must be on the same endpoint)", choose);
        } else if (base.get().isAdapter()) {
            checks.add(basePath, Rules.quote(baseName), "must name a base component, not another adapter ('" + Rules.key(baseName)
                    + "' is an adapter of '" + Rules.key(base.get().baseComponent().get()) + "')", choose);
        }
        if (c.modelDataUrl().isEmpty()) {
            checks.add(path + ".artifact", null, "is required for an adapter (Container.ArtifactUrl)",
                    "give the adapter's S3 location: artifact(\"s3://my-bucket/adapters/" + c.name() + ".tar.gz\")");
        } else {
            checks.add(Rules.s3Url(path + ".artifact", c.modelDataUrl().get()));
        }
        String owner = "an adapter runs in the copies of its base '" + Rules.key(baseName) + "'";
        c.image().ifPresent(v -> checks.add(path + ".image", Rules.quote(v), "must not be set on an adapter", "remove image(..): " + owner + ", with its image"));
        if (!c.environment().isEmpty() || !c.secretEnvironment().isEmpty()) {
            checks.add(path + ".env", String.join(", ", envKeys(c)), "must not be set on an adapter", "remove env(..): " + owner + ", with its environment");
        }
        c.accelerators().ifPresent(v -> checks.add(path + ".accelerators", v, "must not be set on an adapter (SageMaker: omit ComputeResourceRequirements)",
                "remove accelerators(..): " + owner + ", on its compute"));
        c.cpuCores().ifPresent(v -> checks.add(path + ".cpuCores", v, "must not be set on an adapter (SageMaker: omit ComputeResourceRequirements)",
                "remove cpuCores(..): " + owner + ", on its compute"));
        c.minMemoryMb().ifPresent(v -> checks.add(path + ".memoryMb", v, "must not be set on an adapter (SageMaker: omit ComputeResourceRequirements)",
                "remove memoryMb(..): " + owner + ", on its compute"));
        c.maxMemoryMb().ifPresent(v -> checks.add(path + ".maxMemoryMb", v, "must not be set on an adapter (SageMaker: omit ComputeResourceRequirements)",
                "remove maxMemoryMb(..): " + owner + ", on its compute"));
        c.copies().ifPresent(v -> checks.add(path + ".copies", v, "must not be set on an adapter", "remove copies(..): " + owner
                + "; scale the base instead"));
        c.modelDataDownloadTimeout().ifPresent(v -> checks.add(path + ".modelDataDownloadTimeout", v.getSeconds() + " s",
                "must not be set on an adapter", "remove it: " + owner + ", with its startup timeouts"));
        c.containerStartupHealthCheckTimeout().ifPresent(v -> checks.add(path + ".containerStartupHealthCheckTimeout", v.getSeconds() + " s",
                "must not be set on an adapter", "remove it: " + owner + ", with its startup timeouts"));
        c.rollingUpdate().ifPresent(v -> checks.add(path + ".rollingUpdate", "a rolling update policy", "must not be set on an adapter (it has no copies to roll)",
                "remove rollingUpdate(..): a new artifact is loaded into the base's copies"));
        c.autoScaling().ifPresent(v -> checks.add(path + ".autoScaling", "an auto scaling policy", "must not be set on an adapter (it has no copies to scale)",
                "remove autoScaling(..) and scale the base '" + Rules.key(baseName) + "' instead"));
    }

    private static List<String> envKeys(ComponentSpec c) {
        List<String> keys = new ArrayList<>(c.environment().keySet());
        keys.addAll(c.secretEnvironment().keySet());
        return keys;
    }

    private void rollingUpdate(String path, ComponentSpec c, RollingUpdateSpec r) {
        checks.add(Rules.seconds(path + ".wait", r.waitInterval(), 0, 3600));
        if (r.batch() == null) {
            checks.add(path + ".batch", null, "is required", "say how many new copies to add at a time, for example batch(1)");
        }
        r.maximumExecutionTimeout().ifPresent(t -> checks.add(Rules.seconds(path + ".timeout", t, 600, 28800)));
        int copies = c.copies().orElse(0);
        if (copies > 0 && r.batch() != null) {
            checks.batch(path + ".batch", r.batch(), copies, "copy", "copies", "batch");
            r.rollbackBatch().filter(b -> !Checks.isEverything(b)).ifPresent(b -> checks.batch(path + ".rollbackBatch", b, copies, "copy", "copies", "rollbackBatch"));
            if (r.waitInterval() != null) {
                r.maximumExecutionTimeout().filter(t -> t.getNano() == 0).ifPresent(t -> timeoutCoversBatches(path, copies, r, t));
            }
        }
        if (r.rollbackAlarms().size() > MAX_ALARMS) {
            checks.add(path + ".rollbackAlarms", r.rollbackAlarms().size() + " alarms", "must be at most " + MAX_ALARMS,
                    "keep the " + MAX_ALARMS + " alarms that matter most");
        }
        for (int i = 0; i < r.rollbackAlarms().size(); i++) {
            AlarmSpec a = r.rollbackAlarms().get(i);
            String key = a.metricName() == null ? String.valueOf(i) : Rules.key(a.resolvedName(spec.name(), c.name()));
            checks.alarm(path + ".rollbackAlarms[" + key + "]", a, a.metricName() == null ? "" : a.resolvedName(spec.name(), c.name()), "component");
        }
    }

    private void timeoutCoversBatches(String path, int copies, RollingUpdateSpec r, Duration timeout) {
        long batches = r.batches(copies);
        long wait = r.waitInterval().getSeconds();
        long implied = batches * wait;
        if (timeout.getSeconds() >= implied) {
            return;
        }
        String fix;
        if (implied + 600 <= 28_800) {
            fix = "allow the waits plus time to start copies: timeout(Duration.ofSeconds(" + Math.max(600, implied + 600) + "))";
        } else {
            // Even the longest timeout SageMaker allows is too short: the batches or the wait must change.
            long maxWait = Math.max(0, (28_800 - 600) / batches);
            int upper = Math.max(1, copies / 2);
            fix = "no timeout up to 28800 s covers this: use a larger batch (up to batch(" + upper + ")) or a shorter wait (at most "
                    + maxWait + " s with " + Rules.count(batches, "batch", "batches") + ")";
        }
        checks.add(path + ".timeout", timeout.getSeconds() + " s", "is shorter than the " + Rules.count(batches, "batch", "batches")
                + " x " + wait + " s wait it implies (" + implied + " s)", fix);
    }

}
