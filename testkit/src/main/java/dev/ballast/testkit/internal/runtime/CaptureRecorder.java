package dev.ballast.testkit.internal.runtime;

import dev.ballast.testkit.CapturedInvocation;
import dev.ballast.testkit.ContainerResponse;
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
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

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

    /** Records the invocation if the serving set's data capture samples it. */
    void record(LiveEndpoint endpoint, VariantSet servedBy, String variant, InvokeEndpointRequest request,
            ContainerResponse response) {
        DataCaptureConfig c = servedBy.dataCapture();
        if (!servedBy.capturing() || response.status() >= 400) {
            return;
        }
        int percent = c.initialSamplingPercentage() == null ? 0 : c.initialSamplingPercentage();
        // draw only when sampling is partial, so 0 % and 100 % leave the world's random untouched
        if (percent <= 0 || (percent < 100 && sim.ids().nextIndex(100) >= percent)) {
            return;
        }
        boolean input = false;
        boolean output = false;
        for (CaptureOption option : c.hasCaptureOptions() ? c.captureOptions() : List.<CaptureOption>of()) {
            String mode = option.captureModeAsString();
            input |= "Input".equals(mode) || "InputAndOutput".equals(mode);
            output |= "Output".equals(mode) || "InputAndOutput".equals(mode);
        }
        CapturedInvocation.Payload in = input ? new CapturedInvocation.Payload(request.body().asByteArray(),
                request.contentType()) : null;
        CapturedInvocation.Payload out = output ? new CapturedInvocation.Payload(response.body(),
                response.contentType()) : null;
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
