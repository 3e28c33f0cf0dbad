package dev.ballast.event;

import java.time.Instant;

import dev.ballast.outcome.Outcome;

/**
 * Something that happened during a deployment, as Ballast saw it while watching: a step started,
 * a batch began, copies or instances moved, an alarm changed state, a rollback started, the
 * deployment ended. Each event has the time of the engine's clock (simulated time on the fake) and
 * a sentence for people; none carries a secret.
 */
public sealed interface DeploymentEvent permits DeploymentEvent.StepStarted, DeploymentEvent.StatusChanged,
        DeploymentEvent.BatchStarted, DeploymentEvent.CopiesChanged, DeploymentEvent.InstancesChanged,
        DeploymentEvent.AlarmStateChanged, DeploymentEvent.RollbackStarted, DeploymentEvent.StageChanged,
        DeploymentEvent.WeightsChanged, DeploymentEvent.CheckEvaluated, DeploymentEvent.Finished {

    /** @return when it happened, on the engine's clock */
    Instant at();

    /** @return one sentence for people */
    String describe();

    /**
     * A plan step started.
     *
     * @param step 1-based index
     * @param steps number of steps in the plan
     * @param what the step, for example {@code SageMaker.CreateEndpoint endpoint/rolling-demo}
     */
    record StepStarted(Instant at, int step, int steps, String what) implements DeploymentEvent {
        @Override
        public String describe() {
            return "step " + step + "/" + steps + ": " + what;
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /** A resource's status changed, for example {@code InService} to {@code Updating}. */
    record StatusChanged(Instant at, String resource, String from, String to) implements DeploymentEvent {
        @Override
        public String describe() {
            return resource + " " + (from == null ? "is " + to : from + " -> " + to);
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /**
     * A batch of a rolling update began: new copies are being added beside the old ones. Only
     * reported until a rollback is triggered: from then on SageMaker may still finish a batch it
     * started or already restore old copies, and its Describe calls do not tell which.
     *
     * @param batch 1-based index
     * @param batches number of batches the update needs
     */
    record BatchStarted(Instant at, String resource, int batch, int batches) implements DeploymentEvent {
        @Override
        public String describe() {
            return resource + " batch " + batch + "/" + batches + " started";
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /** A component's copy count moved. */
    record CopiesChanged(Instant at, String resource, int current, int desired) implements DeploymentEvent {
        @Override
        public String describe() {
            return resource + " copies " + current + "/" + desired;
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /**
     * An endpoint's or a variant's instance count moved. During a blue/green deployment the new
     * fleet is reported apart, as {@code <resource> (new)} (from {@code PendingDeploymentSummary}),
     * and goes to 0/0 when the deployment ends.
     *
     * @param resource for example {@code endpoint/my-endpoint}, {@code endpoint/my-endpoint/variant/v2}
     *     or {@code endpoint/my-endpoint/variant/v2 (new)}
     */
    record InstancesChanged(Instant at, String resource, int current, int desired) implements DeploymentEvent {
        @Override
        public String describe() {
            return resource + " instances " + current + "/" + desired;
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /** A rollback alarm changed state. */
    record AlarmStateChanged(Instant at, String alarm, String from, String to, String reason) implements DeploymentEvent {
        @Override
        public String describe() {
            return "alarm " + alarm + " " + (from == null ? "is " + to : from + " -> " + to) + (reason.isEmpty() ? "" : " (" + reason + ")");
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /**
     * A rollback was triggered: a rollback alarm went into {@code ALARM} while the resource was
     * being updated, so SageMaker rolls the update back at its next alarm check (during a bake).
     * SageMaker's Describe calls do not show a rollback phase of their own; this event marks the
     * cause, when Ballast sees it.
     */
    record RollbackStarted(Instant at, String resource, String cause) implements DeploymentEvent {
        @Override
        public String describe() {
            return resource + " rollback triggered: " + cause;
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /**
     * A production variant entered another stage of an endpoint deployment, as SageMaker reports it
     * in {@code VariantStatus}: {@code Creating}, {@code ActivatingTraffic}, {@code Baking},
     * {@code Deleting}; {@code to} is empty when the variant has no stage any more.
     *
     * @param resource for example {@code endpoint/my-endpoint/variant/model-v2-variant}
     * @param from the stage before, empty when the variant had none
     */
    record StageChanged(Instant at, String resource, String from, String to) implements DeploymentEvent {
        @Override
        public String describe() {
            return resource + " " + (to.isEmpty() ? "stage " + from + " done" : (from.isEmpty() ? "" : from + " -> ") + to);
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /**
     * The traffic weights of an endpoint's variants changed, as {@code DescribeEndpoint} reports
     * them ({@code CurrentWeight}).
     *
     * @param endpoint for example {@code endpoint/my-endpoint}
     * @param weights each variant's weight, in the endpoint's order
     */
    record WeightsChanged(Instant at, String endpoint, java.util.Map<String, Double> weights) implements DeploymentEvent {
        public WeightsChanged {
            weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        }

        @Override
        public String describe() {
            double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder sb = new StringBuilder(endpoint).append(" traffic");
            String sep = " ";
            for (java.util.Map.Entry<String, Double> e : weights.entrySet()) {
                sb.append(sep).append(e.getKey()).append(' ').append(total <= 0 ? "0" : Math.round(1000 * e.getValue() / total) / 10.0 + "%");
                sep = ", ";
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /**
     * A guard of a traffic shift was evaluated before the next step.
     *
     * @param check what was checked, for example {@code alarm my-endpoint-v2-shift-invocation5xxerrors}
     * @param passed whether the shift may go on
     * @param detail what was seen, for example {@code OK} or {@code Invocation5XXErrors Sum 3 > 0}
     */
    record CheckEvaluated(Instant at, String check, boolean passed, String detail) implements DeploymentEvent {
        @Override
        public String describe() {
            return "check " + check + (passed ? " passed" : " FAILED") + (detail.isEmpty() ? "" : ": " + detail);
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }

    /** The deployment ended. */
    record Finished(Instant at, Outcome outcome) implements DeploymentEvent {
        @Override
        public String describe() {
            return outcome.summary();
        }

        @Override
        public String toString() {
            return at() + " " + describe();
        }
    }
}
