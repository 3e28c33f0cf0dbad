package dev.ballast.spec;

/**
 * What data capture records of each sampled invocation ({@code CaptureOptions}).
 *
 * <p>SageMaker spells these {@code Input} and {@code Output}; the names {@code Request} and
 * {@code Response} that some examples use are not accepted by the API.
 */
public enum CaptureMode {
    /** The request: its body and content type ({@code Input}). */
    INPUT("Input"),
    /** The model's answer: its body and content type ({@code Output}). */
    OUTPUT("Output");

    private final String awsName;

    CaptureMode(String awsName) {
        this.awsName = awsName;
    }

    /** @return the name SageMaker uses */
    public String awsName() {
        return awsName;
    }
}
