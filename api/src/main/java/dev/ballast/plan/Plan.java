package dev.ballast.plan;

import java.util.List;

import dev.ballast.internal.json.SdkJson;

/**
 * What applying a spec will do, in order: the requests sent to AWS and the waits between them.
 * Immutable, and printable without exposing a secret.
 *
 * <pre>{@code
 * Plan plan = Planner.create(spec);
 * log.info("{}", plan);             // numbered steps, each request as JSON, secrets masked
 * String json = plan.toJson();       // the same as one JSON array
 * plan.surge().forEach(s -> log.info("{}", s)); // what an update runs on top, at most
 * }</pre>
 *
 * @param subject what the plan is for, for example {@code endpoint 'rolling-demo'}
 * @param steps the steps in order
 * @param surge the extra instances the plan's update runs beside the ones it replaces, at most,
 *     one per instance type (see {@link Surge} for how "at most" is computed); empty for a create,
 *     for a plan without an update, and for an update that needs no new instance
 */
public record Plan(String subject, List<PlanStep> steps, List<Surge> surge) {

    public Plan {
        steps = List.copyOf(steps);
        surge = List.copyOf(surge);
    }

    /**
     * A plan without surge.
     *
     * @param subject what the plan is for
     * @param steps the steps in order
     */
    public Plan(String subject, List<PlanStep> steps) {
        this(subject, steps, List.of());
    }

    /**
     * @param prices the prices to state the surge's cost with (by default the us-east-1 on-demand
     *     list, {@link PriceTable#defaults()})
     * @return this plan with its surge priced from that table: without dollars for a type the table
     *     has no price of
     */
    public Plan priced(PriceTable prices) {
        java.util.Objects.requireNonNull(prices, "prices");
        return new Plan(subject, steps, surge.stream().map(s -> s.priced(prices)).toList());
    }

    /** @return whether the plan has nothing to do */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** @return the calls to AWS only, in order */
    public List<ApiCall> calls() {
        return steps.stream().filter(ApiCall.class::isInstance).map(ApiCall.class::cast).toList();
    }

    /**
     * @return the plan as a JSON array: for each call its target, reason, resource and request as
     *     the AWS API receives it; for each wait its resource, status and reason. Secrets masked.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ");
            sb.append(steps.get(i).accept(new PlanStep.Visitor<String>() {
                @Override
                public String visitApiCall(ApiCall call) {
                    return "{\"Call\": " + SdkJson.quote(call.target()) + ", \"Reason\": " + SdkJson.quote(call.reason())
                            + ", \"Resource\": " + SdkJson.quote(call.resource())
                            + ", \"Request\": " + call.requestJson().replace("\n", "\n  ") + "}";
                }

                @Override
                public String visitAwaitState(AwaitState await) {
                    return "{\"Await\": " + SdkJson.quote(await.resource()) + ", \"Status\": " + SdkJson.quote(await.status())
                            + ", \"Reason\": " + SdkJson.quote(await.reason()) + "}";
                }
            }));
        }
        return sb.append(steps.isEmpty() ? "]" : "\n]").toString();
    }

    /** @return the surge of an update in one line per instance type, then the numbered steps, each call's request as JSON; secrets masked */
    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "Plan for " + subject + ": nothing to do";
        }
        StringBuilder sb = new StringBuilder("Plan for ").append(subject).append(": ")
                .append(steps.size()).append(steps.size() == 1 ? " step" : " steps");
        surge.forEach(s -> sb.append('\n').append(s));
        int n = steps.size();
        for (int i = 0; i < n; i++) {
            PlanStep step = steps.get(i);
            sb.append("\n\n").append(i + 1).append('/').append(n).append(' ');
            step.accept(new PlanStep.Visitor<Void>() {
                @Override
                public Void visitApiCall(ApiCall call) {
                    sb.append(call.target()).append(" -- ").append(call.reason()).append('\n').append(call.requestJson());
                    return null;
                }

                @Override
                public Void visitAwaitState(AwaitState await) {
                    sb.append("wait until ").append(await.resource()).append(" is ").append(await.status())
                            .append(" -- ").append(await.reason());
                    return null;
                }
            });
        }
        return sb.toString();
    }
}
