package dev.ballast.testkit.internal.errors;

import dev.ballast.testkit.internal.model.RequestValidator.Breach;
import dev.ballast.testkit.internal.model.RequestValidator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.sagemaker.model.SageMakerRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeRequest;

/**
 * The first thing the world does with a request: check it against its service's API model and,
 * when it breaks the model, refuse it with the service's own error before anything is looked up
 * or changed (shape first, then existence, then state, then the service's own rules):
 * SageMaker and Application Auto Scaling answer {@code ValidationException}, SageMaker Runtime
 * {@code ValidationError}, CloudWatch {@code ValidationError} — or {@code MissingParameter}
 * ({@code The parameter X is required.}) for a missing top-level member of the operations whose
 * model declares that error ({@code GetMetricStatistics}, {@code PutMetricData}).
 */
public final class RequestChecks {

    /** Loading the tables takes a few milliseconds: one validator serves every world. */
    private static final RequestValidator VALIDATOR = RequestValidator.forServedServices();

    private static final Set<Class<?>> MISSING_PARAMETER_OPERATIONS =
            Set.of(GetMetricStatisticsRequest.class, PutMetricDataRequest.class);

    private final SageMakerErrors sageMaker;
    private final RuntimeErrors runtime;
    private final CloudWatchErrors cloudWatch;
    private final AutoScalingErrors autoScaling;
    private final boolean enabled;

    public RequestChecks(SageMakerErrors sageMaker, RuntimeErrors runtime, CloudWatchErrors cloudWatch,
            AutoScalingErrors autoScaling, boolean enabled) {
        this.sageMaker = sageMaker;
        this.runtime = runtime;
        this.cloudWatch = cloudWatch;
        this.autoScaling = autoScaling;
        this.enabled = enabled;
    }

    /**
     * @param request the request
     * @param locked runs the building of the error under the world's lock (request ids come from
     *     the world's seeded source)
     * @throws software.amazon.awssdk.awscore.exception.AwsServiceException the service's error when
     *     the request breaks its model
     */
    public void check(SdkRequest request, java.util.function.Function<Supplier<RuntimeException>, RuntimeException> locked) {
        if (!enabled) {
            return;
        }
        List<Breach> violations = VALIDATOR.validate(request);
        if (!violations.isEmpty()) {
            throw locked.apply(() -> error(request, violations));
        }
    }

    /** {@code metricData.1.member.value} → {@code MetricData.member.1.Value}, as CloudWatch names parameters. */
    public static String queryPath(String path) {
        String[] parts = path.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i + 1 < parts.length && parts[i + 1].equals("member") && part.chars().allMatch(Character::isDigit)) {
                out.append(".member.").append(part);
                i++;
                continue;
            }
            out.append(out.length() == 0 ? "" : ".").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private RuntimeException error(SdkRequest request, List<Breach> violations) {
        String message = RequestValidator.message(violations);
        if (request instanceof SageMakerRequest) {
            return sageMaker.validation(message);
        }
        if (request instanceof SageMakerRuntimeRequest) {
            return runtime.validation(message);
        }
        if (request instanceof CloudWatchRequest) {
            for (Breach v : violations) {
                if (v.text().endsWith(RequestValidator.NOT_FINITE)) {
                    // CloudWatch refuses NaN and infinities as a parameter value, in its query words
                    String value = v.text().substring("Value '".length(), v.text().indexOf("' at '"));
                    return cloudWatch.invalidParameterValue("The value " + value + " for parameter "
                            + queryPath(v.path()) + " is invalid.");
                }
            }
            if (MISSING_PARAMETER_OPERATIONS.contains(request.getClass())) {
                for (Breach v : violations) {
                    if (v.path().indexOf('.') < 0 && v.text().startsWith("Value null at")) {
                        return cloudWatch.missingParameter("The parameter " + Character.toUpperCase(v.path().charAt(0))
                                + v.path().substring(1) + " is required.");
                    }
                }
            }
            return cloudWatch.validation(message);
        }
        return autoScaling.validation(message);
    }
}
