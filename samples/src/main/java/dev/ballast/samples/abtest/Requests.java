package dev.ballast.samples.abtest;

import dev.ballast.testkit.FakeSageMaker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/** Production traffic in the story: a request every 3 simulated seconds, counted by the variant that answered. */
final class Requests {

    private static final String PAYLOAD = "{\"inputs\":\"Is this review positive? 'Great battery, terrible screen.'\"}";

    private final FakeSageMaker fake;
    private final String endpoint;
    private final Map<String, Integer> answered = new TreeMap<>();
    private int failed;
    private boolean running;

    Requests(FakeSageMaker fake, String endpoint) {
        this.fake = fake;
        this.endpoint = endpoint;
    }

    void start() {
        running = true;
        tick();
    }

    void stop() {
        running = false;
    }

    void reset() {
        answered.clear();
        failed = 0;
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            InvokeEndpointResponse r = fake.runtimeClient().invokeEndpoint(b -> b.endpointName(endpoint)
                    .contentType("application/json").body(SdkBytes.fromString(PAYLOAD, StandardCharsets.UTF_8)));
            answered.merge(r.invokedProductionVariant(), 1, Integer::sum);
        } catch (RuntimeException e) {
            failed++;
        }
        fake.clock().schedule(Duration.ofSeconds(3), this::tick);
    }

    /** @return for example {@code 600 answered (model-v1-variant 541, model-v2-variant 59), 0 failed} */
    String summary() {
        int total = answered.values().stream().mapToInt(Integer::intValue).sum();
        return total + " answered " + answered + ", " + failed + " failed";
    }
}
