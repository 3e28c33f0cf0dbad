package dev.ballast.spec;

import java.util.Optional;

/**
 * A serverless production variant ({@code ServerlessConfig}): SageMaker provisions compute per
 * request instead of instances.
 *
 * @param memoryMb memory per concurrent invocation: 1024 to 6144 MiB in steps of 1024
 * @param maxConcurrency the most concurrent invocations: 1 to 200
 * @param provisionedConcurrency invocations kept warm: 1 to {@code maxConcurrency}, if any
 */
public record Serverless(int memoryMb, int maxConcurrency, Optional<Integer> provisionedConcurrency) {

    public Serverless {
        if (provisionedConcurrency == null) {
            throw new dev.ballast.error.SpecValidationException(java.util.List.of(dev.ballast.error.Violation.of("serverless.provisionedConcurrency",
                    null, "provisionedConcurrency must not be null", "pass Optional.empty() for none")));
        }
    }

    /** @return a serverless configuration without provisioned concurrency */
    public static Serverless of(int memoryMb, int maxConcurrency) {
        return new Serverless(memoryMb, maxConcurrency, Optional.empty());
    }

    /** @return {@code serverless 2048 MiB x 20} */
    @Override
    public String toString() {
        return "serverless " + memoryMb + " MiB x " + maxConcurrency
                + provisionedConcurrency.map(p -> ", " + p + " provisioned").orElse("");
    }
}
