package dev.ballast.transport.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;

import dev.ballast.plan.AwsService;

/**
 * What Ballast reads off an SDK request for logs, records and errors: the service, the operation
 * and the resource it touches. Only names are read, never values that could be secret, and never
 * the SDK's own {@code toString()}.
 */
public final class Requests {

    /**
     * Top-level request members that name the resource, most specific first: a
     * {@code CreateInferenceComponent} also names its endpoint, but touches the component.
     */
    private static final List<Map.Entry<String, String>> RESOURCE_MEMBERS = List.of(
            Map.entry("InferenceComponentName", "inference-component/"),
            Map.entry("EndpointName", "endpoint/"),
            Map.entry("EndpointConfigName", "endpoint-config/"),
            Map.entry("ModelName", "model/"),
            Map.entry("AlarmName", "alarm/"),
            Map.entry("AlarmNames", "alarm/"),
            Map.entry("ResourceId", "scalable-target/"),
            Map.entry("ResourceIds", "scalable-target/"),
            Map.entry("ResourceArn", ""));

    /** Operation prefixes that only read; every other operation is treated as changing something. */
    private static final List<String> READ_ONLY_PREFIXES = List.of("Describe", "List", "Get", "Invoke");

    private Requests() {
    }

    /** @return the operation, the request's class name without {@code Request}, for example {@code CreateEndpoint} */
    public static String operation(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }

    /**
     * @return the service's name as in {@link AwsService#displayName()}, for example
     *     {@code SageMaker}; for a request of another service, its SDK package name
     */
    public static String service(SdkRequest request) {
        String pkg = request.getClass().getPackageName();
        String prefix = "software.amazon.awssdk.services.";
        String id = pkg.startsWith(prefix) ? pkg.substring(prefix.length()).replace(".model", "") : pkg;
        return switch (id) {
            case "sagemaker" -> AwsService.SAGEMAKER.displayName();
            case "sagemakerruntime" -> AwsService.SAGEMAKER_RUNTIME.displayName();
            case "cloudwatch" -> AwsService.CLOUDWATCH.displayName();
            case "applicationautoscaling" -> AwsService.APPLICATION_AUTO_SCALING.displayName();
            default -> id;
        };
    }

    /** @return for example {@code SageMaker.CreateEndpoint} */
    public static String target(SdkRequest request) {
        return service(request) + "." + operation(request);
    }

    /**
     * The resource a request touches, from its name members: {@code endpoint/<EndpointName>},
     * {@code inference-component/<InferenceComponentName>}, {@code endpoint-config/..},
     * {@code model/..}, {@code alarm/<first alarm name>}, {@code scalable-target/<ResourceId>}.
     *
     * @return the resource, or empty if the request names none (a {@code List*} call, for example)
     */
    public static String resource(SdkRequest request) {
        for (Map.Entry<String, String> member : RESOURCE_MEMBERS) {
            String value = nameMember(request, member.getKey());
            if (!value.isEmpty()) {
                return member.getValue() + value;
            }
        }
        return "";
    }

    /**
     * Every resource a request touches, from its most specific name member: one for most calls,
     * each alarm of a {@code DeleteAlarms} ({@code alarm/a}, {@code alarm/b}), each scalable
     * target a request lists.
     *
     * @return the resources, the first being {@link #resource(SdkRequest)}; empty if the request names none
     */
    public static List<String> resources(SdkRequest request) {
        for (Map.Entry<String, String> member : RESOURCE_MEMBERS) {
            List<String> values = nameMembers(request, member.getKey());
            if (!values.isEmpty()) {
                return values.stream().map(v -> member.getValue() + v).toList();
            }
        }
        return List.of();
    }

    private static List<String> nameMembers(SdkRequest request, String memberName) {
        for (SdkField<?> field : request.sdkFields()) {
            if (field.memberName().equals(memberName)) {
                Object value = field.getValueOrDefault(request);
                if (value instanceof String s && !s.isEmpty()) {
                    return List.of(s);
                }
                if (value instanceof Collection<?> list) {
                    List<String> names = list.stream().filter(v -> v instanceof String s && !s.isEmpty()).map(String.class::cast).toList();
                    if (!names.isEmpty()) {
                        return names;
                    }
                }
            }
        }
        return List.of();
    }

    private static String nameMember(SdkRequest request, String memberName) {
        for (SdkField<?> field : request.sdkFields()) {
            if (field.memberName().equals(memberName)) {
                Object value = field.getValueOrDefault(request);
                if (value instanceof String s) {
                    return s;
                }
                if (value instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof String s) {
                    return s;
                }
            }
        }
        return "";
    }

    /**
     * Whether a request only reads: {@code Describe*}, {@code List*}, {@code Get*} and
     * {@code InvokeEndpoint*} (which calls a model but changes no resource). Everything else
     * ({@code Create*}, {@code Update*}, {@code Delete*}, {@code Put*}, {@code Set*},
     * {@code Register*}, {@code Deregister*}, {@code AddTags}, and any operation not known here) is
     * taken as changing something, so that a dry run errs on the side of not sending.
     */
    public static boolean isReadOnly(SdkRequest request) {
        String operation = operation(request);
        return READ_ONLY_PREFIXES.stream().anyMatch(operation::startsWith);
    }
}
