package dev.ballast.samples.rolling;

import java.io.PrintStream;

import dev.ballast.engine.Planner;
import dev.ballast.plan.Plan;
import dev.ballast.spec.EndpointSpec;

/**
 * The main job: the first seed's notebook. For now it prints the plans — the exact SageMaker and
 * CloudWatch requests of the deployment and of its two updates, secrets masked — without an AWS
 * account. Running them on the testkit's fake, with rollout, alarm and rollback, comes with the
 * engine.
 *
 * <p>Run it with {@code mvn -B -q -DskipTests package exec:java} from the repository root.
 */
public final class RollingUpdateNotebook {

    static final String ENDPOINT = "rolling-demo";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";

    private RollingUpdateNotebook() {
    }

    public static void main(String[] args) {
        String token = System.getenv().getOrDefault("HF_TOKEN", "hf_example_token_not_real");
        run(System.out, token);
    }

    static void run(PrintStream out, String hfToken) {
        EndpointSpec llama = NotebookDeployment.llama(ENDPOINT, ROLE, hfToken);
        EndpointSpec firstUpdate = NotebookDeployment.deepSeekWithoutMessagesApi(ENDPOINT, ROLE);
        EndpointSpec secondUpdate = NotebookDeployment.deepSeek(ENDPOINT, ROLE);

        out.println("Ballast: the rolling-update notebook, as plans (nothing is sent to AWS)");
        out.println();
        out.println(llama);
        section(out, "1. Create the endpoint and the component", Planner.create(llama));
        section(out, "2. First update: DeepSeek R1 Distill without MESSAGES_API_ENABLED (its 4xx alarm will roll it back)",
                Planner.updateComponent(firstUpdate, "llm"));
        section(out, "3. Second update: DeepSeek R1 Distill with MESSAGES_API_ENABLED",
                Planner.updateComponent(secondUpdate, "llm"));
    }

    private static void section(PrintStream out, String title, Plan plan) {
        out.println();
        out.println("=== " + title);
        out.println(plan);
    }
}
