package dev.ballast.samples.rolling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.ballast.Ballast;
import dev.ballast.error.TransportException;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * The notebook's invocation loop: a Messages API request to the component every 10 seconds while
 * an update runs. Answers from copies that do not speak the Messages API fail with 4xx errors,
 * which is what feeds the rollback alarm.
 */
final class Traffic {

    static final String PAYLOAD = "{\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"How many R are in STRAWBERRY? Keep your answer and explanation short!\"}],"
            + "\"max_tokens\":512,\"temperature\":0.6}";

    private final Ballast ballast;
    private final BiConsumer<Duration, Runnable> scheduler;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger thinking = new AtomicInteger();
    private volatile ComponentEndpointSpec spec;
    private volatile boolean running;

    Traffic(Ballast ballast, BiConsumer<Duration, Runnable> scheduler) {
        this.ballast = ballast;
        this.scheduler = scheduler;
    }

    void start(ComponentEndpointSpec target) {
        spec = target;
        answered.set(0);
        failed.set(0);
        thinking.set(0);
        running = true;
        scheduler.accept(Duration.ZERO, this::tick);
    }

    void stop() {
        running = false;
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            String body = ballast.invoke(spec, "llm", PAYLOAD).body();
            answered.incrementAndGet();
            if (body.contains("<think>")) {
                thinking.incrementAndGet();
            }
        } catch (TransportException e) {
            failed.incrementAndGet();
        }
        scheduler.accept(Duration.ofSeconds(10), this::tick);
    }

    /** @return for example {@code 98 answered (40 with visible thinking), 7 failed} */
    String summary() {
        return answered.get() + " answered" + (thinking.get() > 0 ? " (" + thinking.get() + " by DeepSeek, thinking aloud)" : "")
                + ", " + failed.get() + " failed";
    }
}
