package dev.ballast.samples.rolling;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ballast.Ballast;
import dev.ballast.Deployment;
import dev.ballast.DeploymentTimeline;
import dev.ballast.error.BallastException;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * The main job: the first seed's notebook, run by Ballast. It creates the endpoint (1 to 4
 * {@code ml.g5.2xlarge}) and the component (2 copies of Llama 3.1 8B on the text-generation image),
 * invokes it, updates it to DeepSeek R1 Distill without {@code MESSAGES_API_ENABLED} (the 4xx alarm
 * rolls it back), updates it again with it (it succeeds), and cleans up — printing the deployment
 * as it goes and ending with one line per update, then one {@code timeline: <path>} line per
 * deployment: the page that draws it ({@code target/ballast-timelines/rolling-update-notebook/}).
 *
 * <p>By default it runs on the built-in fake, in seconds of real time and no AWS account:
 * {@code mvn -B -q -DskipTests package exec:java}. With {@code --aws} it runs the same code
 * against a real account: {@code mvn -B -q -DskipTests package exec:java -Dexec.args=--aws}, with
 * {@code BALLAST_ROLE_ARN}, {@code AWS_REGION} and {@code HF_TOKEN} set.
 */
public final class RollingUpdateNotebook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RollingUpdateNotebook() {
    }

    public static void main(String[] args) {
        int code = run(System.out, System.err, List.of(args), System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    /** @return 0 when the story went as the notebook tells it, 1 when it did not, 2 for a usage error */
    static int run(PrintStream out, PrintStream err, List<String> args, Map<String, String> env) {
        if (!args.stream().allMatch("--aws"::equals)) {
            err.println("usage: RollingUpdateNotebook [--aws]  (unknown: " + args.stream().filter(a -> !a.equals("--aws")).toList() + ")");
            return 2;
        }
        Environment e;
        try {
            e = args.contains("--aws")
                    ? Environment.aws(env, start -> new ProgressPrinter(out, start))
                    : Environment.fake(start -> new ProgressPrinter(out, start));
        } catch (IllegalArgumentException ex) {
            err.println("error: " + ex.getMessage());
            return 2;
        }
        try {
            return story(out, e, new TimelinePages("rolling-update-notebook"));
        } catch (BallastException ex) {
            err.println("error: " + ex.getMessage());
            return 1;
        }
    }

    /**
     * Runs the story on the fake, printing nothing, and returns the timelines of its deployments in
     * order (create, first update, second update, cleanup): what the rendering benchmark draws.
     *
     * @return the four deployments' timelines
     */
    public static List<DeploymentTimeline> timelinesOnTheFake() {
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        TimelinePages pages = new TimelinePages("rolling-update-notebook");
        story(none, Environment.fake(start -> new ProgressPrinter(none, start)), pages);
        return pages.timelines();
    }

    private static int story(PrintStream out, Environment e, TimelinePages pages) {
        Ballast ballast = e.ballast();
        ProgressPrinter printer = e.printer();
        ComponentEndpointSpec llama = NotebookDeployment.llama(e.endpointName(), e.roleArn(), e.hfToken(), e.image());
        ComponentEndpointSpec first = NotebookDeployment.deepSeekWithoutMessagesApi(e.endpointName(), e.roleArn(), e.image());
        ComponentEndpointSpec second = NotebookDeployment.deepSeek(e.endpointName(), e.roleArn(), e.image());
        Traffic traffic = new Traffic(ballast, e.schedule());

        out.println("Ballast · the rolling-update notebook, " + e.description());
        out.println();
        section(out, "1. Create endpoint " + e.endpointName() + " (1-4 x ml.g5.2xlarge) and component llm (2 copies of "
                + NotebookDeployment.LLAMA + ")");
        Deployment creation = ballast.apply(llama);
        Outcome created = creation.await();
        pages.write("1-create.html", "create endpoint " + e.endpointName() + " and component llm", creation);
        if (!created.isSuccess()) {
            out.println("create: " + created.summary());
            pages.print(out);
            return 1;
        }

        section(out, "2. Invoke it with a Messages API request");
        printer.line(e.time().now(), "  llm answers: " + answer(ballast, llama));

        section(out, "3. First update: DeepSeek R1 Distill without MESSAGES_API_ENABLED, invoked every 10 s");
        surge(ballast, printer, e, first);
        printer.updateStarting("inference-component/llm", 2);
        traffic.start(first);
        Deployment firstUpdate = ballast.apply(first);
        Outcome firstOutcome = firstUpdate.await();
        pages.write("2-first-update.html", "first update of " + e.endpointName() + ": DeepSeek R1 Distill without MESSAGES_API_ENABLED",
                firstUpdate);
        traffic.stop();
        String firstTraffic = traffic.summary();
        printer.line(e.time().now(), "  invocations during the update: " + firstTraffic);
        printer.line(e.time().now(), "  llm answers: " + answer(ballast, llama));

        section(out, "   ... ten minutes later: the alarm's five-minute period has passed without errors");
        e.pause().accept(Duration.ofMinutes(10));

        section(out, "4. Second update: DeepSeek R1 Distill with MESSAGES_API_ENABLED, invoked every 10 s");
        surge(ballast, printer, e, second);
        printer.updateStarting("inference-component/llm", 2);
        traffic.start(second);
        Deployment secondUpdate = ballast.apply(second);
        Outcome secondOutcome = secondUpdate.await();
        pages.write("3-second-update.html", "second update of " + e.endpointName() + ": DeepSeek R1 Distill with MESSAGES_API_ENABLED",
                secondUpdate);
        traffic.stop();
        String secondTraffic = traffic.summary();
        printer.line(e.time().now(), "  invocations during the update: " + secondTraffic);
        printer.line(e.time().now(), "  llm answers: " + answer(ballast, second));

        section(out, "5. Clean up");
        Deployment cleanup = ballast.delete(second);
        Outcome deleted = cleanup.await();
        pages.write("4-cleanup.html", "clean up endpoint " + e.endpointName(), cleanup);
        out.println();
        out.println("cleanup: " + deleted.summary());
        out.println("first update: " + firstOutcome.summary() + " | invocations: " + firstTraffic);
        out.println("second update: " + secondOutcome.summary() + " | invocations: " + secondTraffic);
        pages.print(out);
        return firstOutcome instanceof Outcome.RolledBack && secondOutcome.isSuccess() ? 0 : 1;
    }

    /** What the update will run on top of the endpoint, at most: its plan's surge, before it starts. */
    private static void surge(Ballast ballast, ProgressPrinter printer, Environment e, ComponentEndpointSpec update) {
        ballast.plan(update).surge().forEach(s -> printer.line(e.time().now(), "  plan: " + s));
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println(title);
    }

    /** @return the first line of the model's answer, or what went wrong */
    private static String answer(Ballast ballast, ComponentEndpointSpec spec) {
        try {
            String body = ballast.invoke(spec, "llm", Traffic.PAYLOAD).body();
            String content = JSON.readTree(body).at("/choices/0/message/content").asText(body);
            return "\"" + content.replace("\n", " ").trim() + "\"";
        } catch (BallastException | java.io.IOException ex) {
            return "(failed: " + ex.getMessage() + ")";
        }
    }
}
