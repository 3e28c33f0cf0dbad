package dev.ballast.testkit.internal.tags;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Sim;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * AddTags / ListTags / DeleteTags on models, endpoint configs, endpoints and inference components,
 * over the world's one {@link TagStore}. Each call runs whole under the world lock: AddTags changes
 * all its tags or none, so a caller can build on them (one writer per endpoint, say).
 *
 * <p>The rules, with their sources:
 * <ul>
 *   <li>AddTags adds or overwrites by key and answers every tag of the resource ("A list of tags
 *       associated with the SageMaker resource", API reference); a key given twice keeps its last
 *       value (chosen).</li>
 *   <li>A resource carries at most {@value TagStore#MAX_PER_RESOURCE} tags after AddTags, counting
 *       those it has (AWS tagging limits); beyond it a ValidationException, whose text is the
 *       fake's own (docs silent on code and text).</li>
 *   <li>Keys starting with {@code aws:}, in any case, are refused on AddTags and DeleteTags (and on
 *       the creates' {@code Tags}) with {@code System prefix 'aws:' reserved for AWS usage in tag
 *       key: <key>} (observed on DeleteTags, aws/sagemaker-python-sdk#1301; the case rule is AWS's
 *       tagging guidance). The keys are checked before the resource (chosen).</li>
 *   <li>DeleteTags ignores keys the resource does not have (chosen, docs silent).</li>
 *   <li>An ARN that names no resource, also one of the right type with the name not lower-cased
 *       (ARNs are matched exactly), of another account or region, or of a type the fake does not
 *       model (a training job, say: none can exist here), is a ValidationException
 *       {@code Resource does not exist.} (observed for ListTags, boto/boto3#4606).</li>
 *   <li>ListTags pages in the order keys were first added; MaxResults defaults to 50 (chosen; its
 *       minimum is 50, so with at most 50 tags one page holds them all).</li>
 *   <li>An endpoint keeps its tags while it is {@code Deleting}; they go when its deletion
 *       completes, as an inference component's do.</li>
 * </ul>
 * Shape constraints (patterns, lengths, list sizes, MaxResults) are the request validator's.
 */
public final class TagHandler {

    /** ListTags' page size when MaxResults is absent (chosen: the model's minimum). */
    static final int LIST_TAGS_DEFAULT_PAGE = 50;

    private final Sim sim;
    private final TagStore tags;
    private final Predicate<Arns.Ref> exists;
    private final SageMakerErrors errors;

    /**
     * @param exists tells whether a resource of the world has exactly the ARN of that reference
     *     (types the fake does not model have none)
     */
    public TagHandler(Sim sim, TagStore tags, SageMakerErrors errors, Predicate<Arns.Ref> exists) {
        this.sim = sim;
        this.tags = tags;
        this.exists = exists;
        this.errors = errors;
    }

    public AddTagsResponse add(AddTagsRequest request) {
        List<Tag> requested = request.tags();
        String reserved = TagStore.firstReserved(TagStore.keys(requested));
        if (reserved != null) {
            throw errors.reservedTagKey(reserved);
        }
        String arn = existing(request.resourceArn());
        int wouldHave = tags.countWith(arn, requested);
        if (wouldHave > TagStore.MAX_PER_RESOURCE) {
            throw errors.tooManyTags(arn, wouldHave, TagStore.MAX_PER_RESOURCE);
        }
        return AddTagsResponse.builder().tags(tags.add(arn, requested)).build();
    }

    public ListTagsResponse list(ListTagsRequest request) {
        String arn = existing(request.resourceArn());
        int max = request.maxResults() == null ? LIST_TAGS_DEFAULT_PAGE : request.maxResults();
        Pages<Tag> page = Pages.slice(tags.of(arn), max, request.nextToken(), errors);
        return ListTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteTagsResponse delete(DeleteTagsRequest request) {
        String reserved = TagStore.firstReserved(request.tagKeys());
        if (reserved != null) {
            throw errors.reservedTagKey(reserved);
        }
        String arn = existing(request.resourceArn());
        tags.delete(arn, request.tagKeys());
        return DeleteTagsResponse.builder().build();
    }

    /** @return the ARN when it is exactly that of a resource of the world */
    private String existing(String arn) {
        Arns.Ref ref = sim.arns().resourceOf(arn);
        if (ref == null || !exists.test(ref)) {
            throw errors.resourceDoesNotExist();
        }
        return arn;
    }
}
