package dev.ballast.testkit.internal.sim;

import dev.ballast.InstanceShape;
import dev.ballast.testkit.FakeTimings;
import java.time.Instant;

/**
 * The immutable settings of one world, as chosen on {@code FakeSageMaker.builder()}.
 *
 * @param region AWS region of ARNs and messages
 * @param accountId twelve-digit account id
 * @param timings simulated durations
 * @param clockStart the initial simulated instant
 * @param seed seed of the world's only source of randomness
 * @param unknownShape shape assumed for an instance type without a shape in the api's table
 *     ({@code InstanceType.shape()}): one newer than this release, or a serverless variant
 * @param reservedHostMemoryMiB host memory per instance SageMaker keeps for its agents
 * @param rollbackFailureReason {@code FailureReason} after a rollback (component or endpoint) and of an
 *     endpoint whose rollback failed, or null
 * @param enforceBatchSizeRule whether rolling batches, canaries and linear steps must respect their
 *     documented share of the copy (instance) count
 * @param captureStreamedInvocations whether data capture records streamed invocations
 *     ({@code InvokeEndpointWithResponseStream}) that end normally
 * @param sampleShadowsAtRandom whether a shadow variant's requests are drawn at random (seeded) rather than
 *     by an accumulating fraction of production's
 */
public record WorldOptions(String region, String accountId, FakeTimings timings, Instant clockStart, long seed,
        InstanceShape unknownShape, int reservedHostMemoryMiB, String rollbackFailureReason,
        boolean enforceBatchSizeRule, boolean captureStreamedInvocations,
        boolean sampleShadowsAtRandom) {
}
