package dev.ballast.testkit.internal.tags;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import static org.assertj.core.api.Assertions.assertThat;

class TagStoreTest {

    private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep";

    private final TagStore store = new TagStore();
    private final SageMakerErrors errors = new SageMakerErrors(new Ids(new Random(1)),
            new Arns("us-east-1", "123456789012"));

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    @DisplayName("keys keep the order they were first added in, even when overwritten")
    void keysKeepTheOrderTheyWereFirstAddedInEvenWhenOverwritten() {
        store.created(ARN, List.of(tag("a", "1"), tag("b", "2")));

        store.add(ARN, List.of(tag("c", "3"), tag("a", "10")));

        assertThat(store.of(ARN)).extracting(t -> t.key() + "=" + t.value()).containsExactly("a=10", "b=2", "c=3");
    }

    @Test
    @DisplayName("countWith: counts keys once, and changes nothing")
    void countWithCountsKeysOnceAndChangesNothing() {
        store.created(ARN, List.of(tag("a", "1")));

        assertThat(store.countWith(ARN, List.of(tag("a", "2"), tag("b", "1"), tag("b", "2")))).isEqualTo(2);
        assertThat(store.of(ARN)).extracting(Tag::value).containsExactly("1");
    }

    @Test
    @DisplayName("a tag without value, gets the empty string")
    void aTagWithoutValueGetsTheEmptyString() {
        store.created(ARN, List.of(Tag.builder().key("k").build()));

        assertThat(store.of(ARN)).extracting(Tag::value).containsExactly("");
    }

    @Test
    @DisplayName("removed: drops everything, and created replaces what a namesake left")
    void removedDropsEverythingAndCreatedReplacesWhatANamesakeLeft() {
        store.created(ARN, List.of(tag("a", "1")));
        store.removed(ARN);
        assertThat(store.of(ARN)).isEmpty();

        store.add(ARN, List.of(tag("stale", "x")));
        store.created(ARN, List.of(tag("fresh", "y")));
        assertThat(store.of(ARN)).extracting(Tag::key).containsExactly("fresh");
    }

    @Test
    @DisplayName("reservedPrefix: is matched in any case, at the start only")
    void reservedPrefixIsMatchedInAnyCaseAtTheStartOnly() {
        assertThat(TagStore.firstReserved(List.of("team", "x-aws:y", "AWS:Name", "aws:z"))).isEqualTo("AWS:Name");
        assertThat(TagStore.firstReserved(List.of("team", "aws", "awsome"))).isNull();
    }

    @Test
    @DisplayName("listTagsPaging: walks the tags in order, with opaque offsets")
    void listTagsPagingWalksTheTagsInOrderWithOpaqueOffsets() {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tags.add(tag("k" + i, "v"));
        }
        store.created(ARN, tags);

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Pages<Tag> page = Pages.slice(store.of(ARN), 2, token, errors);
            page.items().forEach(t -> seen.add(t.key()));
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactly("k0", "k1", "k2", "k3", "k4");
        assertThat(Pages.slice(store.of(ARN), Integer.MAX_VALUE, null, errors).items()).hasSize(5);
    }
}
