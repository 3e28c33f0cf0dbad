package dev.ballast.engine.internal.reconcile;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsResponse;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.spi.Scheduler;

/**
 * What the account runs, for the plans of a crowded engine: one <em>pass</em> lists every endpoint
 * ({@code ListEndpoints}), inference component ({@code ListInferenceComponents}) and endpoint
 * configuration ({@code ListEndpointConfigs}) of the account and region, unfiltered, 100 a page, so
 * that a thousand plans cost a few dozen pages instead of a few Describes each.
 *
 * <p><b>Shared.</b> Plans that ask at about the same time share one pass (see {@link SharedReads}):
 * a fleet's plans start together and all wait for the same pages.
 *
 * <p><b>Fresh.</b> A plan is answered only by a pass that began after it asked, never by an older
 * snapshot: what the plan reads is at least as new as its own start, as a Describe would be.
 *
 * <p><b>Why absence is sound.</b> Names of endpoints, configurations and inference components are
 * unique per account and region, and a pass lists all of them, unfiltered, so a name the pass does
 * not show did not exist when its page was read: "not found" needs no Describe. Pages are read in
 * ascending creation order and each continues from the last creation time seen
 * ({@code CreationTimeAfter}, which SageMaker takes as "at or after"), not from an offset: a
 * resource deleted during the pass cannot shift a later one out of sight, and one created during it
 * lists after every older one. What remains is the race of any read: someone creates the name
 * between the pass and the plan's create. SageMaker then refuses the create ("Cannot create an
 * already existing ..."), and the deployment fails naming the conflict; the next apply reads it.
 * What a pass shows present is described unless the plan may reuse this engine's own latest
 * Describe of it (see {@link Observer}).
 */
final class Inventory {

    /** SageMaker's largest page for the List operations. */
    static final int PAGE = 100;

    private final ResilientCaller calls;
    private final SharedReads<Void, Snapshot> passes;

    Inventory(ResilientCaller calls, Scheduler scheduler) {
        this.calls = calls;
        this.passes = new SharedReads<>(scheduler, x -> pass());
    }

    /**
     * What one pass showed; names are keyed in lower case, as SageMaker compares them.
     *
     * @param endpoints every endpoint's summary
     * @param components every inference component's summary
     * @param configs every endpoint configuration's summary (name and creation time: all a plan needs of
     *     one, whether it exists and, for a version, when it was made), oldest first
     */
    record Snapshot(Map<String, EndpointSummary> endpoints, Map<String, InferenceComponentSummary> components,
                    Map<String, EndpointConfigSummary> configs) {

        Optional<EndpointSummary> endpoint(String name) {
            return Optional.ofNullable(endpoints.get(key(name)));
        }

        Optional<InferenceComponentSummary> component(String name) {
            return Optional.ofNullable(components.get(key(name)));
        }

        boolean configExists(String name) {
            return configs.containsKey(key(name));
        }
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** @return the snapshot of a pass that begins after this call */
    CompletableFuture<Snapshot> fresh() {
        return passes.ask(List.of());
    }

    private CompletableFuture<Snapshot> pass() {
        Map<String, InferenceComponentSummary> components = new LinkedHashMap<>();
        Map<String, EndpointSummary> endpoints = new LinkedHashMap<>();
        Map<String, EndpointConfigSummary> configs = new LinkedHashMap<>();
        return pages((after, token) -> calls.call(ListInferenceComponentsRequest.builder().sortBy("CreationTime")
                        .sortOrder("Ascending").creationTimeAfter(after).maxResults(PAGE).nextToken(token).build(),
                        ListInferenceComponentsResponse.class)
                        .thenApply(r -> new Page<>(r.inferenceComponents(), r.nextToken())),
                InferenceComponentSummary::creationTime, c -> components.put(key(c.inferenceComponentName()), c), null, null)
                .thenCompose(x -> pages((after, token) -> calls.call(ListEndpointsRequest.builder().sortBy("CreationTime")
                                .sortOrder("Ascending").creationTimeAfter(after).maxResults(PAGE).nextToken(token).build(),
                                ListEndpointsResponse.class).thenApply(r -> new Page<>(r.endpoints(), r.nextToken())),
                        EndpointSummary::creationTime, e -> endpoints.put(key(e.endpointName()), e), null, null))
                .thenCompose(x -> pages((after, token) -> calls.call(ListEndpointConfigsRequest.builder().sortBy("CreationTime")
                                .sortOrder("Ascending").creationTimeAfter(after).maxResults(PAGE).nextToken(token).build(),
                                ListEndpointConfigsResponse.class).thenApply(r -> new Page<>(r.endpointConfigs(), r.nextToken())),
                        EndpointConfigSummary::creationTime, c -> configs.put(key(c.endpointConfigName()), c), null, null))
                .thenApply(x -> new Snapshot(Collections.unmodifiableMap(endpoints), Collections.unmodifiableMap(components),
                        Collections.unmodifiableMap(configs)));
    }

    private record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * Reads every page in ascending creation order: the next page starts at the last creation time
     * seen (the resources created at that instant are read again and count once); only a page whose
     * resources were all created at that same instant continues with the page's token instead.
     */
    private static <T> CompletableFuture<Void> pages(BiFunction<Instant, String, CompletableFuture<Page<T>>> list,
                                                     Function<T, Instant> created, java.util.function.Consumer<T> into,
                                                     Instant after, String token) {
        return list.apply(after, token).thenCompose(page -> {
            Instant last = after;
            for (T item : page.items()) {
                into.accept(item);
                Instant c = created.apply(item);
                if (c != null && (last == null || c.isAfter(last))) {
                    last = c;
                }
            }
            if (page.nextToken() == null || page.nextToken().isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return last != null && (after == null || last.isAfter(after))
                    ? pages(list, created, into, last, null)
                    : pages(list, created, into, after, page.nextToken());
        });
    }
}
