package dev.ballast.testkit.internal.runtime;

import dev.ballast.testkit.CapturedInvocation;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.endpoint.VariantSet;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Sim;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;

/**
 * Endpoint data capture
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html">
 * DataCaptureConfig</a>): an invocation served by a variant set whose {@code DataCaptureConfig} has
 * {@code EnableCapture} (default true) is recorded with probability {@code InitialSamplingPercentage} (drawn
 * from the world's seeded random, so a seed replays the same sample), with the request, the response or both as
 * {@code CaptureOptions} say.
 *
 * <p>Choices where the reference is silent: only invocations the container answered successfully
 * are captured (a {@code ModelError} has no model output to record); records outlive their endpoint
 * (they would be objects in S3); the newest {@value #KEPT_PER_ENDPOINT} per endpoint are kept, so a
 * long-running server under load does not grow without bound. Records never go to the timeline:
 * their bodies can carry secrets.
 */
public final class CaptureRecorder {

    static final int KEPT_PER_ENDPOINT = 10_000;

    private final Sim sim;
    private final Map<String, ArrayDeque<CapturedInvocation>> byEndpoint = new HashMap<>();

    public CaptureRecorder(Sim sim) {
        this.sim = sim;
    }

    /**
     * Records an invocation the container answered successfully, if the serving set's data capture samples it.
     *
     * @param input the request body
     * @param inputType the request's content type, may be {@code null}
     * @param output the response body (a stream's parts one after the other)
     * @param outputType the response's content type
     */
    void record(LiveEndpoint endpoint, VariantSet servedBy, String variant, byte[] input, String inputType,
            byte[] output, String outputType) {
        DataCaptureConfig c = servedBy.dataCapture();
        if (!servedBy.capturing()) {
            return;
        }
        int percent = c.initialSamplingPercentage() == null ? 0 : c.initialSamplingPercentage();
        // draw only when sampling is partial, so 0 % and 100 % leave the world's random untouched
        if (percent <= 0 || (percent < 100 && sim.ids().nextIndex(100) >= percent)) {
            return;
        }
        boolean captureInput = false;
        boolean captureOutput = false;
        for (CaptureOption option : c.hasCaptureOptions() ? c.captureOptions() : List.<CaptureOption>of()) {
            String mode = option.captureModeAsString();
            captureInput |= "Input".equals(mode) || "InputAndOutput".equals(mode);
            captureOutput |= "Output".equals(mode) || "InputAndOutput".equals(mode);
        }
        CapturedInvocation.Payload in = captureInput ? new CapturedInvocation.Payload(input, inputType) : null;
        CapturedInvocation.Payload out = captureOutput ? new CapturedInvocation.Payload(output, outputType) : null;
        ArrayDeque<CapturedInvocation> records = byEndpoint.computeIfAbsent(Arns.lower(endpoint.name()),
                k -> new ArrayDeque<>());
        records.addLast(new CapturedInvocation(endpoint.name(), variant, servedBy.configName(), sim.ids().requestId(),
                sim.now(), c.destinationS3Uri(), c.kmsKeyId(), in, out));
        while (records.size() > KEPT_PER_ENDPOINT) {
            records.removeFirst();
        }
    }

    /** @return the endpoint's records, oldest first (endpoint names are case-insensitive) */
    public List<CapturedInvocation> captured(String endpointName) {
        ArrayDeque<CapturedInvocation> records = byEndpoint.get(Arns.lower(endpointName));
        return records == null ? List.of() : List.copyOf(records);
    }
}
