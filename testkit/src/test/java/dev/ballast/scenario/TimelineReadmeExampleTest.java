package dev.ballast.scenario;

import static dev.ballast.RollingUpdate.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Alarm;
import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Deployment;
import dev.ballast.Endpoint;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.junit.BallastTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's timeline example, as written: a deployment's page, its SVG, and the fake's world page. */
@BallastTest
class TimelineReadmeExampleTest {

    FakeSageMaker fake;
    Ballast ballast;

    @Test
    @DisplayName("the README's timeline example writes the deployment's page and the fake's, with no secret on them")
    void readmeExample() throws Exception {
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(1, 4)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(Component.named("llm").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                        .secretEnv("HF_TOKEN", "hf_readme_timeline_secret").accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named("rolling-demo");

        Deployment deployment = ballast.apply(spec);
        deployment.await();
        Path page = deployment.timeline().writeHtml(Path.of("target/rollout.html"));
        String svg = deployment.timeline().toSvg();
        Path world = fake.timeline().writeHtml(Path.of("target/world.html"));

        assertThat(Files.readString(page)).contains("deployment of endpoint &#39;rolling-demo&#39;", "component llm", "SUCCEEDED after")
                .doesNotContain("hf_readme_timeline_secret");
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("endpoint rolling-demo");
        assertThat(Files.readString(world)).contains("the fake&#39;s timeline", "component llm", "alarm rolling-demo-llm-invocation4xxerrors")
                .doesNotContain("hf_readme_timeline_secret");
        ReadmeSnippets.assertExampleIsIn("timeline-example", TimelineReadmeExampleTest.class);
    }
}
