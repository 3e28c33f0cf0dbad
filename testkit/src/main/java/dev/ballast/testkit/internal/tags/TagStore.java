package dev.ballast.testkit.internal.tags;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The tags of every resource of the world, keyed by the resource's ARN exactly as SageMaker
 * returns it (with the lower-cased name). Models, endpoint configs, endpoints and inference
 * components all keep their tags here: the {@code Tags} of their create call, then what
 * {@code AddTags} and {@code DeleteTags} change; a resource's entry goes when the resource does.
 * Tags of a resource keep the order in which their keys were first added. Only ever used under
 * the world lock.
 */
public final class TagStore {

    /** Tags one resource may carry (keys with the reserved {@code aws:} prefix would not count; none exist here). */
    static final int MAX_PER_RESOURCE = 50;
    /** The prefix AWS reserves for its own tag keys, in any case. */
    static final String RESERVED_PREFIX = "aws:";

    private final Map<String, Map<String, String>> byArn = new HashMap<>();

    /**
     * @param keys tag keys of a request
     * @return the first key with the reserved {@code aws:} prefix (in any case), or null
     */
    public static String firstReserved(List<String> keys) {
        for (String key : keys) {
            if (key != null && key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
                return key;
            }
        }
        return null;
    }

    /** @return the keys of {@code tags}, in order */
    public static List<String> keys(List<Tag> tags) {
        return tags.stream().map(Tag::key).toList();
    }

    /**
     * Refuses the {@code Tags} of a create call that carry a reserved key, before anything is
     * created.
     */
    public static void checkCreate(List<Tag> tags, SageMakerErrors errors) {
        String reserved = firstReserved(keys(tags));
        if (reserved != null) {
            throw errors.reservedTagKey(reserved);
        }
    }

    /** A new resource's tags: those of its create call (replacing whatever a former namesake left). */
    public void created(String arn, List<Tag> tags) {
        Map<String, String> fresh = new LinkedHashMap<>();
        tags.forEach(t -> fresh.put(t.key(), valueOf(t)));
        byArn.put(arn, fresh);
    }

    /** The resource is gone: so are its tags. */
    public void removed(String arn) {
        byArn.remove(arn);
    }

    /** @return the resource's tags, in order (empty when it has none) */
    public List<Tag> of(String arn) {
        return toTags(byArn.getOrDefault(arn, Map.of()));
    }

    /**
     * @return how many tags the resource would carry once {@code tags} are added (a key it has
     *     already, or one given twice, counts once)
     */
    public int countWith(String arn, List<Tag> tags) {
        Map<String, String> merged = new LinkedHashMap<>(byArn.getOrDefault(arn, Map.of()));
        tags.forEach(t -> merged.put(t.key(), valueOf(t)));
        return merged.size();
    }

    /** Adds or overwrites tags by key; the caller checked the limit with {@link #countWith}. */
    public List<Tag> add(String arn, List<Tag> tags) {
        Map<String, String> current = byArn.computeIfAbsent(arn, a -> new LinkedHashMap<>());
        tags.forEach(t -> current.put(t.key(), valueOf(t)));
        return toTags(current);
    }

    /** Removes the keys the resource has; other keys are ignored. */
    public void delete(String arn, List<String> keys) {
        Map<String, String> current = byArn.get(arn);
        if (current != null) {
            keys.forEach(current::remove);
        }
    }

    /** Older API references: a tag given without a value gets the empty string. */
    private static String valueOf(Tag tag) {
        return Objects.requireNonNullElse(tag.value(), "");
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        List<Tag> result = new ArrayList<>(tags.size());
        tags.forEach((key, value) -> result.add(Tag.builder().key(key).value(value).build()));
        return List.copyOf(result);
    }
}
