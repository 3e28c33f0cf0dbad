package dev.ballast.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How long simulated things take. Immutable; the defaults are in the range observed on AWS for
 * GPU instances and LLM containers, and every value can be changed through {@link #toBuilder()}.
 *
 * <p>Values that a request can set (for example {@code ContainerStartupHealthCheckTimeoutInSeconds}
 * or {@code MaximumExecutionTimeoutInSeconds}) take precedence over the defaults here.
 */
public final class FakeTimings {

    private final Duration instanceLaunch;
    private final Duration instanceTermination;
    private final Duration modelDownload;
    private final Duration containerStartup;
    private final Duration copyShutdown;
    private final Duration endpointDeletion;
    private final Duration idleInstanceRelease;
    private final Duration placementTimeout;
    private final Duration instanceProvisioningTimeout;
    private final Duration healthCheckTimeout;
    private final Duration alarmEvaluationInterval;
    private final Duration rollingUpdateTimeout;
    private final Duration overheadLatency;
    private final Duration trafficActivation;
    private final Duration timeToFirstToken;
    private final Duration timePerToken;

    private FakeTimings(Builder b) {
        this.instanceLaunch = b.instanceLaunch;
        this.instanceTermination = b.instanceTermination;
        this.modelDownload = b.modelDownload;
        this.containerStartup = b.containerStartup;
        this.copyShutdown = b.copyShutdown;
        this.endpointDeletion = b.endpointDeletion;
        this.idleInstanceRelease = b.idleInstanceRelease;
        this.placementTimeout = b.placementTimeout;
        this.instanceProvisioningTimeout = b.instanceProvisioningTimeout;
        this.healthCheckTimeout = b.healthCheckTimeout;
        this.alarmEvaluationInterval = b.alarmEvaluationInterval;
        this.rollingUpdateTimeout = b.rollingUpdateTimeout;
        this.overheadLatency = b.overheadLatency;
        this.trafficActivation = b.trafficActivation;
        this.timeToFirstToken = b.timeToFirstToken;
        this.timePerToken = b.timePerToken;
    }

    /** @return realistic defaults (instance launch 6 min, copy start 3.5 min, ...) */
    public static FakeTimings defaults() {
        return builder().build();
    }

    /** @return a builder preset with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder preset with this object's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return time from the launch of an instance until it can host copies (default 6 min) */
    public Duration instanceLaunch() {
        return instanceLaunch;
    }

    /** @return time from the release of an instance until it is gone (default 2 min) */
    public Duration instanceTermination() {
        return instanceTermination;
    }

    /** @return model download part of a copy's start (default 2 min) */
    public Duration modelDownload() {
        return modelDownload;
    }

    /** @return container start until the health check passes (default 1.5 min) */
    public Duration containerStartup() {
        return containerStartup;
    }

    /** @return model download plus container start: the time until a placed copy serves */
    public Duration copyStartup() {
        return modelDownload.plus(containerStartup);
    }

    /** @return time a serving copy takes to drain and stop once removed (default 1 min) */
    public Duration copyShutdown() {
        return copyShutdown;
    }

    /** @return time an endpoint stays {@code Deleting} (default 2 min) */
    public Duration endpointDeletion() {
        return endpointDeletion;
    }

    /**
     * Managed instance scaling releases an instance that has hosted copies once it has been idle
     * this long (default 5 min). Instances that never hosted a copy are never released.
     *
     * @return the idle time before release
     */
    public Duration idleInstanceRelease() {
        return idleInstanceRelease;
    }

    /**
     * How long a copy may wait for room before its operation gives up (default 30 min): an
     * inference-component creation turns {@code Failed}, an update rolls back, a scale-out settles
     * at what could be placed. SageMaker does not document how long a copy waits for room nor what
     * happens then; this timeout and these outcomes are the fake's choice, set with
     * {@link Builder#placementTimeout(Duration)}.
     *
     * @return the placement timeout
     */
    public Duration placementTimeout() {
        return placementTimeout;
    }

    /**
     * How long endpoint creation waits for instances when capacity is short before it turns
     * {@code Failed} (default 30 min).
     *
     * @return the instance provisioning timeout
     */
    public Duration instanceProvisioningTimeout() {
        return instanceProvisioningTimeout;
    }

    /**
     * Container startup health-check timeout when neither the component nor the variant sets
     * {@code ContainerStartupHealthCheckTimeoutInSeconds} (default 10 min).
     *
     * @return the health-check timeout
     */
    public Duration healthCheckTimeout() {
        return healthCheckTimeout;
    }

    /** @return how often metric alarms are evaluated (default 1 min, as CloudWatch does) */
    public Duration alarmEvaluationInterval() {
        return alarmEvaluationInterval;
    }

    /**
     * Deployment timeout of a rolling update that gives no {@code MaximumExecutionTimeoutInSeconds}
     * (default 8 h, the API maximum).
     *
     * @return the default rolling update timeout
     */
    public Duration rollingUpdateTimeout() {
        return rollingUpdateTimeout;
    }

    /** @return the {@code OverheadLatency} the runtime reports per invocation (default 4 ms) */
    public Duration overheadLatency() {
        return overheadLatency;
    }

    /**
     * How long an endpoint deployment takes to turn traffic on for new (or, in a rollback, restored)
     * capacity: the variant's {@code ActivatingTraffic} stage (default 30 s). The service does not
     * document it; zero makes the stage instantaneous.
     *
     * @return the traffic activation time
     */
    public Duration trafficActivation() {
        return trafficActivation;
    }

    /**
     * How long the default (TGI-like) container takes to stream its first token
     * ({@code InvokeEndpointWithResponseStream}): prefill of the prompt plus the first decoding
     * step (default 250 ms). Zero makes the first part due at once.
     *
     * <p>The defaults of this and {@link #timePerToken()} are the fake's choice for a 7-8B model in
     * 16-bit weights on one GPU of an {@code ml.g5} (A10G) or {@code ml.g6} (L4) instance, a single
     * request at a time: decoding reads every weight once per token, about 16 GB, which the A10G's
     * 600 GB/s of memory bandwidth does in about 27 ms (the L4's 300 GB/s in about 53 ms). Hugging
     * Face's <a href="https://huggingface.co/blog/llama-sagemaker-benchmark">Llama 2 on Amazon
     * SageMaker benchmark</a> (TGI on {@code ml.g5} instances) reports latencies of this order,
     * tens of milliseconds per token for 7B models. Neither figure is documented by AWS.
     *
     * @return the time to first token
     */
    public Duration timeToFirstToken() {
        return timeToFirstToken;
    }

    /**
     * How long the default (TGI-like) container takes for each token after the first when it
     * streams (default 35 ms, about 28 tokens a second; see {@link #timeToFirstToken()} for where
     * the figure comes from). Zero streams every token at once, so that only the serving is left.
     *
     * @return the time per output token
     */
    public Duration timePerToken() {
        return timePerToken;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeTimings t && toString().equals(t.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "FakeTimings[instanceLaunch=" + instanceLaunch + ", instanceTermination=" + instanceTermination
                + ", modelDownload=" + modelDownload + ", containerStartup=" + containerStartup
                + ", copyShutdown=" + copyShutdown + ", endpointDeletion=" + endpointDeletion
                + ", idleInstanceRelease=" + idleInstanceRelease + ", placementTimeout=" + placementTimeout
                + ", instanceProvisioningTimeout=" + instanceProvisioningTimeout
                + ", healthCheckTimeout=" + healthCheckTimeout + ", alarmEvaluationInterval="
                + alarmEvaluationInterval + ", rollingUpdateTimeout=" + rollingUpdateTimeout
                + ", overheadLatency=" + overheadLatency + ", trafficActivation=" + trafficActivation
                + ", timeToFirstToken=" + timeToFirstToken + ", timePerToken=" + timePerToken + "]";
    }

    /** Builds {@link FakeTimings}; every setter rejects negative durations. */
    public static final class Builder {
        private Duration instanceLaunch = Duration.ofMinutes(6);
        private Duration instanceTermination = Duration.ofMinutes(2);
        private Duration modelDownload = Duration.ofMinutes(2);
        private Duration containerStartup = Duration.ofSeconds(90);
        private Duration copyShutdown = Duration.ofMinutes(1);
        private Duration endpointDeletion = Duration.ofMinutes(2);
        private Duration idleInstanceRelease = Duration.ofMinutes(5);
        private Duration placementTimeout = Duration.ofMinutes(30);
        private Duration instanceProvisioningTimeout = Duration.ofMinutes(30);
        private Duration healthCheckTimeout = Duration.ofMinutes(10);
        private Duration alarmEvaluationInterval = Duration.ofMinutes(1);
        private Duration rollingUpdateTimeout = Duration.ofHours(8);
        private Duration overheadLatency = Duration.ofMillis(4);
        private Duration trafficActivation = Duration.ofSeconds(30);
        private Duration timeToFirstToken = Duration.ofMillis(250);
        private Duration timePerToken = Duration.ofMillis(35);

        private Builder() {
        }

        private Builder(FakeTimings t) {
            instanceLaunch = t.instanceLaunch;
            instanceTermination = t.instanceTermination;
            modelDownload = t.modelDownload;
            containerStartup = t.containerStartup;
            copyShutdown = t.copyShutdown;
            endpointDeletion = t.endpointDeletion;
            idleInstanceRelease = t.idleInstanceRelease;
            placementTimeout = t.placementTimeout;
            instanceProvisioningTimeout = t.instanceProvisioningTimeout;
            healthCheckTimeout = t.healthCheckTimeout;
            alarmEvaluationInterval = t.alarmEvaluationInterval;
            rollingUpdateTimeout = t.rollingUpdateTimeout;
            overheadLatency = t.overheadLatency;
            trafficActivation = t.trafficActivation;
            timeToFirstToken = t.timeToFirstToken;
            timePerToken = t.timePerToken;
        }

        /** @see FakeTimings#instanceLaunch() */
        public Builder instanceLaunch(Duration value) {
            instanceLaunch = check(value, "instanceLaunch");
            return this;
        }

        /** @see FakeTimings#instanceTermination() */
        public Builder instanceTermination(Duration value) {
            instanceTermination = check(value, "instanceTermination");
            return this;
        }

        /** @see FakeTimings#modelDownload() */
        public Builder modelDownload(Duration value) {
            modelDownload = check(value, "modelDownload");
            return this;
        }

        /** @see FakeTimings#containerStartup() */
        public Builder containerStartup(Duration value) {
            containerStartup = check(value, "containerStartup");
            return this;
        }

        /** @see FakeTimings#copyShutdown() */
        public Builder copyShutdown(Duration value) {
            copyShutdown = check(value, "copyShutdown");
            return this;
        }

        /** @see FakeTimings#endpointDeletion() */
        public Builder endpointDeletion(Duration value) {
            endpointDeletion = check(value, "endpointDeletion");
            return this;
        }

        /** @see FakeTimings#idleInstanceRelease() */
        public Builder idleInstanceRelease(Duration value) {
            idleInstanceRelease = check(value, "idleInstanceRelease");
            return this;
        }

        /** @see FakeTimings#placementTimeout() */
        public Builder placementTimeout(Duration value) {
            placementTimeout = check(value, "placementTimeout");
            return this;
        }

        /** @see FakeTimings#instanceProvisioningTimeout() */
        public Builder instanceProvisioningTimeout(Duration value) {
            instanceProvisioningTimeout = check(value, "instanceProvisioningTimeout");
            return this;
        }

        /** @see FakeTimings#healthCheckTimeout() */
        public Builder healthCheckTimeout(Duration value) {
            healthCheckTimeout = check(value, "healthCheckTimeout");
            return this;
        }

        /** @see FakeTimings#alarmEvaluationInterval() */
        public Builder alarmEvaluationInterval(Duration value) {
            alarmEvaluationInterval = check(value, "alarmEvaluationInterval");
            if (value.isZero()) {
                throw new IllegalArgumentException("alarmEvaluationInterval must be positive");
            }
            return this;
        }

        /** @see FakeTimings#rollingUpdateTimeout() */
        public Builder rollingUpdateTimeout(Duration value) {
            rollingUpdateTimeout = check(value, "rollingUpdateTimeout");
            return this;
        }

        /** @see FakeTimings#overheadLatency() */
        public Builder overheadLatency(Duration value) {
            overheadLatency = check(value, "overheadLatency");
            return this;
        }

        /** @see FakeTimings#trafficActivation() */
        public Builder trafficActivation(Duration value) {
            trafficActivation = check(value, "trafficActivation");
            return this;
        }

        /** @see FakeTimings#timeToFirstToken() */
        public Builder timeToFirstToken(Duration value) {
            timeToFirstToken = check(value, "timeToFirstToken");
            return this;
        }

        /** @see FakeTimings#timePerToken() */
        public Builder timePerToken(Duration value) {
            timePerToken = check(value, "timePerToken");
            return this;
        }

        /** @return the immutable timings */
        public FakeTimings build() {
            return new FakeTimings(this);
        }

        private static Duration check(Duration value, String name) {
            if (Objects.requireNonNull(value, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
