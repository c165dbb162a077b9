package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
  @Test
  void match_starOrListedTag_quotedBareOrWeak_matches() {
    assertThat(EntityTags.match("*", "abc")).isTrue();
    assertThat(EntityTags.match("\"abc\"", "abc")).isTrue();
    assertThat(EntityTags.match("abc", "abc")).isTrue();
    assertThat(EntityTags.match("\"x\", W/\"abc\"", "abc")).isTrue();
  }

  @Test
  void match_otherTags_doesNotMatch() {
    assertThat(EntityTags.match("\"abd\", \"abcd\"", "abc")).isFalse();
    assertThat(EntityTags.match("\"\"", "abc")).isFalse();
  }
}
