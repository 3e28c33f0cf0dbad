package dev.ballast.dsl;

import dev.ballast.Container;

/**
 * A container that has a hostname but no image yet: the image comes next. Do not keep this step in a field.
 */
public interface ContainerImageStep {

    /**
     * Sets the container image URI.
     *
     * <pre>{@code
     * Container.named("preprocess").image("<account>.dkr.ecr.<region>.amazonaws.com/sklearn:1.2")
     * }</pre>
     */
    Container image(String imageUri);
}
