package dev.ballast.scenario;

import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;

/**
 * The calls that take, check, renew and release an endpoint's lease (an endpoint configuration
 * named {@code <endpoint>-lease-<hash>}, renewed by tagging it, or by the engine's heartbeat
 * {@code ballast-heartbeat-<holder>} while the engine is crowded), so that tests of a deployment's
 * own calls can count them apart.
 */
final class LeaseTraffic {

    private static final Pattern LEASE = Pattern.compile(".*-lease-[0-9a-f]{8}|ballast-heartbeat-.*");

    private LeaseTraffic() {
    }

    static boolean isLease(SdkRequest request) {
        if (request instanceof AddTagsRequest || request instanceof ListTagsRequest) {
            return true;
        }
        String config = request.getValueForField("EndpointConfigName", String.class).orElse("");
        return LEASE.matcher(config).matches() && !(request instanceof UpdateEndpointRequest);
    }
}
