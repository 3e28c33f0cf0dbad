package dev.ballast.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.error.Violation;

class ShownTest {

    @Test
    @DisplayName("a value of at most 64 characters is shown whole and quoted")
    void shortValueWhole() {
        assertThat(Shown.quoted("rolling demo")).isEqualTo("\"rolling demo\"");
        assertThat(Shown.quoted("x".repeat(64))).isEqualTo("\"" + "x".repeat(64) + "\"");
        assertThat(Shown.bare("team")).isEqualTo("team");
        assertThat(Shown.quoted(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("a longer value is shown by its start, its end and its length")
    void longValueBySample() {
        assertThat(Shown.quoted("a".repeat(1 << 20))).isEqualTo("\"" + "a".repeat(28) + "…" + "a".repeat(28) + "\" (1048576 characters)");
        assertThat(Shown.bare("k".repeat(129))).isEqualTo("k".repeat(28) + "…" + "k".repeat(28) + " (129 characters)");
        assertThat(Shown.quoted("s".repeat(65))).hasSize(2 + 28 + 1 + 28 + " (65 characters)".length());
    }

    @Test
    @DisplayName("control and invisible characters are escaped; quotes and backslashes too inside quotes")
    void escapes() {
        assertThat(Shown.quoted("a\nb\rc\td\u0000e\u0007f\u007Fg\u0085h"))
                .isEqualTo("\"a\\nb\\rc\\td\\u0000e\\u0007f\\u007Fg\\u0085h\"");
        assertThat(Shown.quoted("a\u2028b\u2029c\u200Bd\u202Ee\u00A0f\uFEFF")).isEqualTo("\"a\\u2028b\\u2029c\\u200Bd\\u202Ee\\u00A0f\\uFEFF\"");
        assertThat(Shown.quoted("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(Shown.bare("say \"hi\"")).isEqualTo("say \"hi\"");
    }

    @Test
    @DisplayName("an emoji is shown as it is, an unpaired surrogate escaped, and a sample never splits a pair")
    void surrogates() {
        assertThat(Shown.quoted("ok \uD83D\uDE00")).isEqualTo("\"ok \uD83D\uDE00\"");
        assertThat(Shown.quoted("a\uD800b\uDC00")).isEqualTo("\"a\\uD800b\\uDC00\"");
        String emojis = "\uD83D\uDE00".repeat(40);
        String shown = Shown.quoted(emojis);
        assertThat(shown).doesNotContain("\\u").contains("…").endsWith("(80 characters)");
        for (int i = 0; i < shown.length(); i++) {
            if (Character.isHighSurrogate(shown.charAt(i))) {
                assertThat(Character.isLowSurrogate(shown.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isSurrogate(shown.charAt(i))).isFalse();
            }
        }
    }

    @Test
    @DisplayName("safe() bounds and escapes any text, and leaves a shown value as it is")
    void safe() {
        String shown = Shown.quoted("a\nb" + "c".repeat(100));
        assertThat(Shown.safe(shown, 512)).isSameAs(shown);
        assertThat(Shown.safe("rule with a \n line feed", 512)).isEqualTo("rule with a \\n line feed");
        String long_ = Shown.safe("r".repeat(10_000), 512);
        assertThat(long_).hasSizeLessThan(600).contains("…").endsWith("(10000 characters)");
        assertThat(Shown.safe(null, 10)).isNull();
    }

    @Test
    @DisplayName("describe() names a character for a rule")
    void describe() {
        assertThat(Shown.describe('\n')).isEqualTo("a line feed (\\n)");
        assertThat(Shown.describe('\t')).isEqualTo("a tab (\\t)");
        assertThat(Shown.describe(0)).isEqualTo("a NUL character (\\u0000)");
        assertThat(Shown.describe(0x2028)).isEqualTo("a line separator (\\u2028)");
        assertThat(Shown.describe(0xD800)).isEqualTo("an unpaired surrogate (\\uD800)");
        assertThat(Shown.describe(0x1B)).isEqualTo("a control character (\\u001B)");
        assertThat(Shown.describe(0x1F600)).isEqualTo("'\uD83D\uDE00' (U+1F600)");
    }

    @Test
    @DisplayName("a Violation keeps every part bounded and printable, whatever it is given")
    void violationSafetyNet() {
        Violation v = Violation.of("tags[" + "k\n".repeat(1000) + "]", "v\n".repeat(100_000), "rule\u0000" + "r".repeat(5000), "fix\r");

        assertThat(v.path()).hasSizeLessThan(600).doesNotContain("\n");
        assertThat(v.value()).hasSizeLessThan(600).doesNotContain("\n");
        assertThat(v.rule()).hasSizeLessThan(2200).doesNotContain("\u0000");
        assertThat(v.fix()).isEqualTo("fix\\r");
        assertThat(Violation.quote("a\nb")).isEqualTo("\"a\\nb\"");
        assertThat(Violation.of("p", Violation.quote("x".repeat(100)), "r", "f").value()).isEqualTo(Violation.quote("x".repeat(100)));
    }
}
