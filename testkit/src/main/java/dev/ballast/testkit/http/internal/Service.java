package dev.ballast.testkit.http.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS services the server speaks, with what identifies them on the wire and the SDK model
 * package their operations' request classes live in.
 */
public enum Service {
    /** SageMaker control plane, AWS JSON 1.1, {@code X-Amz-Target: SageMaker.<Op>}. */
    SAGEMAKER("sagemaker", "software.amazon.awssdk.services.sagemaker.model", "ThrottlingException"),
    /** SageMaker Runtime, REST-JSON ({@code POST /endpoints/{name}/invocations}); signs as {@code sagemaker}. */
    RUNTIME("sagemaker", "software.amazon.awssdk.services.sagemakerruntime.model", "ThrottlingException"),
    /**
     * CloudWatch: AWS JSON 1.0 from boto3 and the CLI, awsQuery from the Java SDK up to 2.40, Smithy
     * RPC v2 CBOR from the Java SDK 2.41 on.
     */
    CLOUDWATCH("monitoring", "software.amazon.awssdk.services.cloudwatch.model", "Throttling"),
    /** Application Auto Scaling, AWS JSON 1.1, {@code X-Amz-Target: AnyScaleFrontendService.<Op>}. */
    AUTO_SCALING("application-autoscaling", "software.amazon.awssdk.services.applicationautoscaling.model",
            "ThrottlingException");

    private final String signingName;
    private final String modelPackage;
    private final String throttlingCode;
    private final Map<String, Optional<Method>> builders = new ConcurrentHashMap<>();

    Service(String signingName, String modelPackage, String throttlingCode) {
        this.signingName = signingName;
        this.modelPackage = modelPackage;
        this.throttlingCode = throttlingCode;
    }

    /** @return the SigV4 service name clients sign with */
    public String signingName() {
        return signingName;
    }

    /** @return the error code the service throttles with ({@code Rate exceeded}) */
    public String throttlingCode() {
        return throttlingCode;
    }

    /**
     * @param operation an operation name such as {@code DescribeEndpoint}
     * @return a fresh builder of the operation's SDK request, or empty when the SDK has no such operation
     */
    public Optional<SdkPojo> requestBuilder(String operation) {
        Optional<Method> factory = builders.computeIfAbsent(operation, this::findBuilder);
        return factory.map(method -> {
            try {
                return (SdkPojo) method.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot create a " + operation + " request builder", e);
            }
        });
    }

    private Optional<Method> findBuilder(String operation) {
        if (!operation.matches("[A-Z][A-Za-z0-9]*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(modelPackage + "." + operation + "Request").getMethod("builder"));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
