package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyGlobTest {

  @Test
  void star_matchesWithinOneSegmentOnly() {
    KeyGlob glob = KeyGlob.of("logs/*.gz");
    assertThat(glob.matches("logs/a.gz")).isTrue();
    assertThat(glob.matches("logs/.gz")).isTrue();
    assertThat(glob.matches("logs/2026/a.gz")).isFalse();
    assertThat(glob.matches("logs/a.gzip")).isFalse();
    assertThat(glob.literalPrefix()).isEqualTo("logs/");
  }

  @Test
  void doubleStar_crossesSegments() {
    KeyGlob glob = KeyGlob.of("**/x.txt");
    assertThat(glob.matches("a/b/c/x.txt")).isTrue();
    assertThat(glob.matches("/x.txt")).isTrue();
    assertThat(glob.matches("x.txt")).isFalse();
    assertThat(glob.literalPrefix()).isEmpty();
  }

  @Test
  void questionMark_matchesOneCodePointButNotSlash() {
    KeyGlob glob = KeyGlob.of("f?");
    assertThat(glob.matches("fé")).isTrue();
    assertThat(glob.matches("f😀")).isTrue();
    assertThat(glob.matches("f/")).isFalse();
    assertThat(glob.matches("f")).isFalse();
    assertThat(glob.matches("fab")).isFalse();
  }

  @Test
  void backslash_makesWildcardsAndRegexCharactersLiteral() {
    KeyGlob glob = KeyGlob.of("a\\*b.[c]\\?(d)+");
    assertThat(glob.matches("a*b.[c]?(d)+")).isTrue();
    assertThat(glob.matches("axb.[c]?(d)+")).isFalse();
    assertThat(glob.literalPrefix()).isEqualTo("a*b.[c]?(d)+");
  }

  @Test
  void of_malformedGlob_isRejected() {
    assertThatThrownBy(() -> KeyGlob.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyGlob.of("ab\\")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyGlob.of("x".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
