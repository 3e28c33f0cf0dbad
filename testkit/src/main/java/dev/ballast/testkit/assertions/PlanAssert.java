package dev.ballast.testkit.assertions;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Plan}: its calls by operation, their requests as the AWS APIs receive
 * them (secrets masked), its waits, and that nothing printable shows a secret. A failure prints
 * the plan's steps, one line each, never a secret.
 *
 * <pre>{@code
 * assertThat(Planner.create(spec)).hasCalls("CreateEndpointConfig", "CreateEndpoint", "PutMetricAlarm",
 *         "CreateInferenceComponent");
 * assertThat(ballast.plan(deepSeek)).hasCalls("UpdateInferenceComponent")
 *         .containsRequest("UpdateInferenceComponent", "\"RollingUpdatePolicy\"")
 *         .doesNotMention(token);
 * assertThat(ballast.plan(spec)).as("applied already").isEmpty();
 * }</pre>
 *
 * Operations are named as in the APIs ({@code CreateEndpoint}), or with their service
 * ({@code CloudWatch.PutMetricAlarm}) where the service matters. Get one from
 * {@link FakeAssertions#assertThat(Plan)}.
 */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {

    PlanAssert(Plan actual) {
        super(actual, PlanAssert.class);
    }

    /**
     * Verifies that the plan has nothing to do: no call and no wait.
     *
     * <pre>{@code assertThat(ballast.plan(spec)).as("a second apply sends nothing").isEmpty();}</pre>
     *
     * @return this assertion
     */
    public PlanAssert isEmpty() {
        isNotNull();
        if (!actual.isEmpty()) {
            failWithMessage("Expecting %s to have nothing to do but it has %d step(s):%n%s", actual.subject(),
                    actual.steps().size(), outline());
        }
        return this;
    }

    /**
     * Verifies that the plan has at least one step.
     *
     * <pre>{@code assertThat(ballast.plan(changed)).isNotEmpty();}</pre>
     *
     * @return this assertion
     */
    public PlanAssert isNotEmpty() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("Expecting %s to have something to do but it has nothing", actual.subject());
        }
        return this;
    }

    /**
     * Verifies the plan's calls, exactly and in order (waits between them are not listed).
     *
     * <pre>{@code assertThat(plan).hasCalls("UpdateInferenceComponentRuntimeConfig");}</pre>
     *
     * @param operations each call's operation ({@code CreateEndpoint}) or target
     *     ({@code SageMaker.CreateEndpoint})
     * @return this assertion
     */
    public PlanAssert hasCalls(String... operations) {
        isNotNull();
        List<ApiCall> calls = actual.calls();
        boolean same = calls.size() == operations.length;
        for (int i = 0; same && i < operations.length; i++) {
            same = matches(calls.get(i), operations[i]);
        }
        if (!same) {
            failWithActualExpectedAndMessage(names(calls), Arrays.asList(operations),
                    "Expecting the calls of %s to be%n  %s%nbut they were%n  %s%nin the plan:%n%s", actual.subject(),
                    Arrays.asList(operations), names(calls), outline());
        }
        return this;
    }

    /**
     * Verifies that the plan has a call of the operation.
     *
     * <pre>{@code assertThat(plan).containsCall("CloudWatch.PutMetricAlarm");}</pre>
     *
     * @param operation the operation or target
     * @return this assertion
     */
    public PlanAssert containsCall(String operation) {
        callsOf(operation, "containsCall");
        return this;
    }

    /**
     * Verifies that the plan has no call of the operation.
     *
     * <pre>{@code assertThat(plan).doesNotContainCall("DeleteEndpointConfig");}</pre>
     *
     * @param operation the operation or target
     * @return this assertion
     */
    public PlanAssert doesNotContainCall(String operation) {
        Objects.requireNonNull(operation, "operation");
        isNotNull();
        if (actual.calls().stream().anyMatch(c -> matches(c, operation))) {
            failWithMessage("Expecting %s to have no %s call but it has:%n%s", actual.subject(), operation, outline());
        }
        return this;
    }

    /**
     * Verifies that a call of the operation sends a request whose JSON (as the AWS API receives
     * it, compact, secrets masked) contains every given fragment.
     *
     * <pre>{@code assertThat(plan).containsRequest("UpdateInferenceComponent", "\"RollingUpdatePolicy\"",
     *         "rolling-demo-llm-invocation4xxerrors");}</pre>
     *
     * @param operation the operation or target
     * @param jsonFragments texts the compact request JSON must contain, for example
     *     {@code "\"DesiredCopyCount\":3"}
     * @return this assertion
     */
    public PlanAssert containsRequest(String operation, String... jsonFragments) {
        List<ApiCall> calls = callsOf(operation, "containsRequest");
        for (ApiCall call : calls) {
            String json = call.requestJsonCompact();
            if (Arrays.stream(jsonFragments).allMatch(f -> json.contains(Objects.requireNonNull(f, "jsonFragment")))) {
                return this;
            }
        }
        StringBuilder requests = new StringBuilder();
        for (ApiCall call : calls) {
            requests.append("  ").append(call.requestJsonCompact()).append(System.lineSeparator());
        }
        failWithMessage("Expecting a %s request of %s containing%n  %s%nbut the requests were%n%s", operation,
                actual.subject(), Arrays.asList(jsonFragments), requests);
        return this;
    }

    /**
     * Verifies that a call of the operation is in the plan for a reason that contains a text.
     *
     * <pre>{@code assertThat(plan).containsCallBecause("PutMetricAlarm", "does not exist yet");}</pre>
     *
     * @param operation the operation or target
     * @param reasonText text the call's reason must contain
     * @return this assertion
     */
    public PlanAssert containsCallBecause(String operation, String reasonText) {
        Objects.requireNonNull(reasonText, "reasonText");
        List<ApiCall> calls = callsOf(operation, "containsCallBecause");
        if (calls.stream().noneMatch(c -> c.reason().contains(reasonText))) {
            failWithMessage("Expecting a %s call of %s because of%n  %s%nbut the reasons were%n  %s", operation,
                    actual.subject(), reasonText, calls.stream().map(ApiCall::reason).toList());
        }
        return this;
    }

    /**
     * Verifies that the plan waits for a resource to reach a status.
     *
     * <pre>{@code assertThat(plan).containsWaitFor("endpoint/rolling-demo", "InService");}</pre>
     *
     * @param resource the resource, for example {@code endpoint/rolling-demo}
     * @param status the status, for example {@code InService}
     * @return this assertion
     */
    public PlanAssert containsWaitFor(String resource, String status) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(status, "status");
        isNotNull();
        boolean found = actual.steps().stream().anyMatch(s -> s instanceof AwaitState w && w.resource().equals(resource)
                && w.status().equals(status));
        if (!found) {
            failWithMessage("Expecting %s to wait until %s is %s but its steps are:%n%s", actual.subject(), resource,
                    status, outline());
        }
        return this;
    }

    /**
     * Verifies that nothing printable of the plan — {@code toString()}, {@code toJson()}, each
     * call's reason and resource — shows the text: for a secret, which must reach AWS and nothing
     * else. The failure message never shows the text itself.
     *
     * <pre>{@code assertThat(ballast.plan(spec)).doesNotMention(System.getenv("HF_TOKEN"));}</pre>
     *
     * @param secret the text that must not appear
     * @return this assertion
     */
    public PlanAssert doesNotMention(String secret) {
        Objects.requireNonNull(secret, "secret");
        isNotNull();
        List<String> where = new ArrayList<>();
        if (actual.toString().contains(secret)) {
            where.add("toString()");
        }
        if (actual.toJson().contains(secret)) {
            where.add("toJson()");
        }
        List<PlanStep> steps = actual.steps();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep step = steps.get(i);
            if (step.reason().contains(secret) || step instanceof ApiCall c && c.resource().contains(secret)) {
                where.add("step " + (i + 1) + "'s reason or resource");
            }
        }
        if (!where.isEmpty()) {
            failWithMessage("Expecting %s not to mention the given text (a secret?) but it shows in %s",
                    actual.subject(), where);
        }
        return this;
    }

    private List<ApiCall> callsOf(String operation, String check) {
        Objects.requireNonNull(operation, "operation");
        isNotNull();
        List<ApiCall> calls = actual.calls().stream().filter(c -> matches(c, operation)).toList();
        if (calls.isEmpty()) {
            throw failure("%s: expecting %s to have a %s call but its steps are:%n%s", check, actual.subject(), operation,
                    outline());
        }
        return calls;
    }

    private static boolean matches(ApiCall call, String operation) {
        return operation.indexOf('.') >= 0 ? call.target().equals(operation) : call.operation().equals(operation);
    }

    private static List<String> names(List<ApiCall> calls) {
        return calls.stream().map(ApiCall::operation).toList();
    }

    /** One line per step: the target and resource of a call, or the wait; no request body. */
    private String outline() {
        if (actual.steps().isEmpty()) {
            return "  (no steps)";
        }
        StringBuilder out = new StringBuilder();
        List<PlanStep> steps = actual.steps();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep step = steps.get(i);
            out.append("  ").append(i + 1).append(". ");
            if (step instanceof ApiCall call) {
                out.append(call.target()).append(' ').append(call.resource()).append(" (").append(call.reason()).append(')');
            } else {
                out.append(step);
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
