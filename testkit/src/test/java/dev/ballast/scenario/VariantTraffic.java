package dev.ballast.scenario;

import dev.ballast.testkit.FakeSageMaker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/** Requests to an endpoint of model variants every few simulated seconds, counted by the variant that answered. */
final class VariantTraffic {

    static final String PAYLOAD = "{\"inputs\":\"How many R are in STRAWBERRY?\"}";

    private final FakeSageMaker fake;
    private final String endpoint;
    private final Duration every;
    private final Map<String, AtomicInteger> byVariant = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean running;

    VariantTraffic(FakeSageMaker fake, String endpoint, Duration every) {
        this.fake = fake;
        this.endpoint = endpoint;
        this.every = every;
    }

    VariantTraffic start() {
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
            InvokeEndpointResponse r = fake.runtimeClient().invokeEndpoint(b -> b.endpointName(endpoint)
                    .contentType("application/json").body(SdkBytes.fromString(PAYLOAD, StandardCharsets.UTF_8)));
            byVariant.computeIfAbsent(r.invokedProductionVariant(), k -> new AtomicInteger()).incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
        fake.clock().schedule(every, this::tick);
    }

    int answeredBy(String variant) {
        return byVariant.getOrDefault(variant, new AtomicInteger()).get();
    }

    int failed() {
        return failed.get();
    }
}
