package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Ids;
import java.time.Instant;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecificationSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecificationSummary;

/**
 * Turns a revision into the summary form
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceComponent.html">
 * DescribeInferenceComponent</a> returns.
 */
final class ComponentDescriber {

    InferenceComponentSpecificationSummary specification(Revision revision, Instant resolutionTime) {
        InferenceComponentSpecification spec = revision.specification();
        InferenceComponentSpecificationSummary.Builder summary = InferenceComponentSpecificationSummary.builder()
                .modelName(spec.modelName()).startupParameters(spec.startupParameters())
                .computeResourceRequirements(spec.computeResourceRequirements())
                .baseInferenceComponentName(spec.baseInferenceComponentName());
        if (spec.container() != null) {
            String image = spec.container().image();
            summary.container(InferenceComponentContainerSpecificationSummary.builder()
                    .deployedImage(image == null ? null : DeployedImage.builder().specifiedImage(image)
                            .resolvedImage(image + "@" + Ids.digestOf(image)).resolutionTime(resolutionTime).build())
                    .artifactUrl(spec.container().artifactUrl())
                    .environment(spec.container().hasEnvironment() ? spec.container().environment() : null).build());
        }
        return summary.build();
    }
}
