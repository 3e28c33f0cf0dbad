package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.error.SpecValidationException;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * A unique secret value goes through everything a user can print or log — specs, drafts, plans,
 * each call, the JSON, a failing validation, and the log at TRACE — and never appears.
 */
class SecretCanaryTest {

    @Test
    @DisplayName("a secret never appears in plan text, any toString(), an exception message or TRACE logs")
    void secretNeverLeaks() throws IOException {
        String canary = "hf_canary_" + UUID.randomUUID();
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/trace.log"));
        assertThat(LoggerFactory.getLogger("dev.ballast.plan").isTraceEnabled())
                .as("the test JVM logs at TRACE (see the surefire configuration)").isTrue();

        ComponentEndpointSpec spec = NotebookSpecs.llama(canary);
        Plan create = Planner.create(spec);
        Plan update = Planner.updateComponent(spec, NotebookSpecs.COMPONENT);
        StringBuilder shown = new StringBuilder()
                .append(spec).append(spec.components()).append(create).append(create.toJson()).append(update).append(update.toJson());
        for (ApiCall call : create.calls()) {
            shown.append(call).append(call.requestJson()).append(call.requestJsonCompact());
        }
        shown.append(Endpoint.on("ml.g5.2xlarge").component(Component.named("c").secretEnv("HF_TOKEN", canary)));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Endpoint.on("ml.g5.2xlarge")
                .component(Component.named("c").secretEnv("HF_TOKEN", canary + "x".repeat(2000)).env("HF_TOKEN", canary))
                .named("bad"));
        assertThat(failure).isInstanceOf(SpecValidationException.class);
        shown.append(failure.getMessage()).append(((SpecValidationException) failure).violations());

        assertThat(shown.toString()).contains("****", NotebookSpecs.COMPONENT).doesNotContain(canary);
        String logged = Files.readString(log);
        assertThat(logged).as("the plan was logged at TRACE").contains("Planned 6 steps for endpoint 'rolling-demo-endpoint'",
                "SageMaker.CreateInferenceComponent");
        assertThat(logged).doesNotContain(canary);
        // The request that is sent does carry it: masking is for display only.
        assertThatThrownBy(() -> assertThat(create.calls().get(3).request().toString()).doesNotContain(canary))
                .as("the SDK's own toString() does not mask, which is why Ballast never prints it")
                .isInstanceOf(AssertionError.class);
    }
}
