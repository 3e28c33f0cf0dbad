package dev.ballast.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkBytes;

import dev.ballast.testkit.FakeSageMaker;

/**
 * The notebook's invocation loop, on the virtual clock: a Messages API request every 10 simulated
 * seconds, failures counted (the 4xx errors of an incompatible container feed the alarm).
 */
final class Traffic {

    static final String PAYLOAD = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R are in STRAWBERRY?\"}],"
            + "\"max_tokens\":512,\"temperature\":0.6}";

    private final FakeSageMaker fake;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean running;

    Traffic(FakeSageMaker fake) {
        this.fake = fake;
    }

    Traffic start() {
        running = true;
        tick();
        return this;
    }

    void stop() {
        running = false;
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            fake.runtimeClient().invokeEndpoint(b -> b.endpointName(NotebookSpecs.ENDPOINT).inferenceComponentName("llm")
                    .contentType("application/json").body(SdkBytes.fromString(PAYLOAD, StandardCharsets.UTF_8)));
            ok.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
        fake.clock().schedule(Duration.ofSeconds(10), this::tick);
    }

    int ok() {
        return ok.get();
    }

    int failed() {
        return failed.get();
    }
}
