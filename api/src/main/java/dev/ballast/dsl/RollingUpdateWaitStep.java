package dev.ballast.dsl;

import java.time.Duration;

import dev.ballast.RollingUpdate;

/**
 * A rolling update whose batch size is known and whose wait is still to come: SageMaker requires
 * both. Do not keep this step in a field.
 */
public interface RollingUpdateWaitStep {

    /**
     * Sets the baking period after each batch ({@code WaitIntervalInSeconds}, 0 to 3600 s): the
     * time SageMaker watches the rollback alarms before the next batch. (Not {@code Object.wait}.)
     *
     * @throws dev.ballast.error.SpecValidationException at once if the wait is outside 0 to 3600 s
     */
    RollingUpdate wait(Duration bakeTime);
}
