package dev.ballast.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ballast.InstanceShape;
import dev.ballast.error.Violation;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.RollingUpdateSpec;

/**
 * Checks that the copies of an endpoint's components fit on the most instances it can have, and so
 * does the extra batch of new copies a rolling update adds beside the old ones (one component is
 * updated at a time, so the largest batch counts).
 *
 * <p>A copy needs its accelerators, vCPUs and reserved memory on one instance. Host memory is
 * taken at its nominal size: SageMaker keeps an undocumented part of it for its agents, so a spec
 * that fits with no memory to spare may still not fit. Every type Ballast knows by name has its
 * hardware in the table behind {@link dev.ballast.InstanceType#shape()}; a type newer than this
 * release is not checked, and a warning is logged instead.
 */
final class CapacityCheck {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.validation");

    private CapacityCheck() {
    }

    static Optional<Violation> check(ComponentEndpointSpec spec) {
        List<ComponentSpec> components = spec.components().stream()
                .filter(c -> c.name() != null && c.copies().orElse(0) > 0 && c.minMemoryMb().orElse(0) >= 128)
                .filter(c -> c.accelerators().orElse(1) >= 1 && c.cpuCores().orElse(1.0) >= 0.25)
                .filter(c -> c.rollingUpdate().map(r -> r.batch() != null).orElse(true))
                .toList();
        if (components.isEmpty()) {
            return Optional.empty();
        }
        Optional<InstanceShape> maybeShape = spec.instanceType().shape();
        if (maybeShape.isEmpty()) {
            LOG.warn("Capacity not checked for endpoint '{}': Ballast does not know the hardware of {}",
                    Rules.key(spec.name()), spec.instanceType());
            return Optional.empty();
        }
        InstanceShape shape = maybeShape.get();
        int instances = spec.maximumInstanceCount();
        String path = spec.scaling().isPresent() ? "scale.max" : "instances";
        String type = spec.instanceType().name();

        String accelerator = acceleratorUnit(shape);
        for (ComponentSpec c : components) {
            if (perInstance(shape, c) == 0) {
                return Optional.of(Violation.of("component[" + Rules.key(c.name()) + "]", describeCopy(c, accelerator),
                        "one copy does not fit on one " + type + " (" + describeShape(shape, accelerator) + ")",
                        "reserve less per copy or use a larger instance type"));
            }
        }
        ComponentSpec surging = components.stream()
                .filter(c -> c.rollingUpdate().isPresent())
                .max((a, b) -> Double.compare((double) surge(a) / perInstance(shape, a), (double) surge(b) / perInstance(shape, b)))
                .orElse(null);

        List<String> shortfalls = new ArrayList<>();
        dimension(components, surging, shape.accelerators(), instances, type, accelerator, c -> c.accelerators().orElse(0), shortfalls);
        dimension(components, surging, shape.vcpus(), instances, type, "vCPU", c -> c.cpuCores().orElse(0.0), shortfalls);
        dimension(components, surging, shape.memoryMib(), instances, type, "MiB of memory", c -> c.minMemoryMb().orElse(0), shortfalls);
        if (shortfalls.isEmpty()) {
            // Every resource suffices in sum; copies are still indivisible, so count whole slots.
            double needed = 0;
            StringBuilder detail = new StringBuilder();
            for (ComponentSpec c : components) {
                // In long: the copies and a batch of them overflow an int near Integer.MAX_VALUE.
                long copies = (long) c.copies().orElse(0) + (c == surging ? surge(c) : 0);
                int per = perInstance(shape, c);
                needed += (double) copies / per;
                detail.append(detail.length() == 0 ? "" : ", ").append(copies).append(" copies of ").append(Rules.key(c.name()))
                        .append(" at ").append(per).append(" per instance");
            }
            if (needed > instances + 1e-9) {
                shortfalls.add(detail + " need " + (long) Math.ceil(needed - 1e-9) + " instances; at most " + instances + " × " + type);
            }
        }
        if (shortfalls.isEmpty()) {
            return Optional.empty();
        }
        int value = instances;
        return Optional.of(Violation.of(path, value, "the copies do not fit: " + String.join("; ", shortfalls),
                spec.scaling().isPresent()
                        ? "raise the maximum instance count, use a larger instance type, or run fewer copies or a smaller batch"
                        : "start more instances, enable scaling with scale(min, max), use a larger instance type, or run fewer copies"));
    }

    private interface Demand {
        double of(ComponentSpec c);
    }

    private static void dimension(List<ComponentSpec> components, ComponentSpec surging, double perInstance, int instances,
                                  String type, String unit, Demand demand, List<String> shortfalls) {
        double need = 0;
        List<String> terms = new ArrayList<>();
        for (ComponentSpec c : components) {
            double d = demand.of(c);
            if (d <= 0) {
                continue;
            }
            int copies = c.copies().orElse(0);
            need += copies * d;
            terms.add(copies + " copies" + (components.size() > 1 ? " of " + Rules.key(c.name()) : "") + " × " + number(d) + " " + unit);
        }
        if (terms.isEmpty()) {
            return;
        }
        String batch = "";
        if (surging != null && demand.of(surging) > 0) {
            int s = surge(surging);
            need += s * demand.of(surging);
            batch = " + a batch of " + s;
        }
        double available = perInstance * instances;
        if (need > available + 1e-9) {
            shortfalls.add(String.join(" + ", terms) + batch + " needs " + number(need) + " " + plural(unit, need)
                    + "; " + instances + " × " + type + " give " + number(available));
        }
    }

    private static String plural(String unit, double n) {
        return unit.startsWith("MiB") || n == 1 ? unit : unit + "s";
    }

    private static int surge(ComponentSpec c) {
        RollingUpdateSpec r = c.rollingUpdate().orElseThrow();
        return r.batchSize(c.copies().orElse(0));
    }

    private static int perInstance(InstanceShape shape, ComponentSpec c) {
        return shape.copiesPerInstance(c.accelerators().orElse(0), c.cpuCores().orElse(0.0), c.minMemoryMb().orElse(0));
    }

    /** Inferentia and Trainium accelerators are Neuron devices, dl1's are Gaudi accelerators; the others are GPUs. */
    private static String acceleratorUnit(InstanceShape shape) {
        String name = shape.acceleratorName().orElse("");
        if (name.startsWith("Inferentia") || name.startsWith("Trainium")) {
            return "Neuron device";
        }
        return name.startsWith("Gaudi") ? "Gaudi accelerator" : "GPU";
    }

    private static String describeCopy(ComponentSpec c, String accelerator) {
        List<String> parts = new ArrayList<>();
        c.accelerators().ifPresent(a -> parts.add(a + " " + accelerator + (a == 1 ? "" : "s")));
        c.cpuCores().ifPresent(v -> parts.add(number(v) + " vCPUs"));
        c.minMemoryMb().ifPresent(m -> parts.add(m + " MiB"));
        return String.join(", ", parts) + " per copy";
    }

    private static String describeShape(InstanceShape s, String accelerator) {
        return s.accelerators() + " " + accelerator + (s.accelerators() == 1 ? "" : "s") + ", " + s.vcpus() + " vCPUs, " + s.memoryMib() + " MiB";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
