package dev.ballast.aws.internal;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.SdkRequest;

/** Names the resource a request touches, from its name members: {@code endpoint/<name>}, .... */
final class Resources {

    private static final List<String[]> MEMBERS = List.of(
            new String[] {"InferenceComponentName", "inference-component/"},
            new String[] {"EndpointName", "endpoint/"},
            new String[] {"EndpointConfigName", "endpoint-config/"},
            new String[] {"ModelName", "model/"},
            new String[] {"AlarmName", "alarm/"},
            new String[] {"AlarmNames", "alarm/"},
            new String[] {"ResourceId", "scalable-target/"});

    private Resources() {
    }

    static String of(SdkRequest request) {
        for (String[] member : MEMBERS) {
            Optional<Object> value = request.getValueForField(member[0], Object.class);
            if (value.isPresent()) {
                Object v = value.get();
                if (v instanceof List<?> list) {
                    if (list.isEmpty()) {
                        continue;
                    }
                    v = list.get(0);
                }
                return member[1] + v;
            }
        }
        return "";
    }
}
