package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small objects whose bytes live in their row ({@code objects.inline_body}). */
interface InlineBodiesContract extends CatalogFixture {

  private static ObjectDraft inlineDraft(String key, byte[] body) {
    return new ObjectDraft(key, 0, body.length, "etag-" + key, ContentHeaders.none(), Map.of(),
        null, "owner-1", Acl.none(), Map.of(), null, null, null, InlineBody.of(body), null);
  }

  @Test
  default void put_withInlineBody_roundTripsThroughLatestVersionAndReopen() throws Exception {
    bucket("b1");
    byte[] body = new byte[4096];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31 + 7); // every byte value, zeros included
    }
    PutOutcome put = catalog().objects().put("b1", inlineDraft("small", body.clone()));

    ObjectEntry latest = catalog().objects().latest("b1", "small").orElseThrow();
    ObjectEntry version = catalog().objects()
        .version("b1", "small", put.stored().versionId()).orElseThrow();
    assertThat(latest).isEqualTo(put.stored());
    assertThat(latest.blobId()).isZero();
    assertThat(latest.inline().bytes()).isEqualTo(body);
    assertThat(version.inline().bytes()).isEqualTo(body);
    assertThat(reopen().objects().latest("b1", "small").orElseThrow().inline().bytes())
        .isEqualTo(body);
  }

  @Test
  default void put_withEmptyInlineBody_readsEmptyNotNull() throws Exception {
    bucket("b1");
    catalog().objects().put("b1", inlineDraft("empty", new byte[0]));
    ObjectEntry got = catalog().objects().latest("b1", "empty").orElseThrow();
    assertThat(got.inline()).isNotNull();
    assertThat(got.inline().bytes()).isEmpty();
    assertThat(got.size()).isZero();
  }

  @Test
  default void put_withBlob_hasNoInlineBody() throws Exception {
    bucket("b1");
    put("b1", "big", 42);
    assertThat(catalog().objects().latest("b1", "big").orElseThrow().inline()).isNull();
  }

  @Test
  default void listings_carryNoInlineBodies() throws Exception {
    bucket("b1");
    catalog().objects().put("b1", inlineDraft("a", "hello".getBytes(StandardCharsets.UTF_8)));
    List<ObjectEntry> listed = catalog().objects().list("b1", null, null, null, 10).objects();
    assertThat(listed).singleElement().satisfies(e -> {
      assertThat(e.inline()).isNull();
      assertThat(e.size()).isEqualTo(5);
    });
  }

  @Test
  default void overwriteAndDelete_reportTheReplacedRowWithoutItsBody() throws Exception {
    bucket("b1");
    catalog().objects().put("b1", inlineDraft("k", new byte[] {1, 2, 3}));
    PutOutcome second = catalog().objects().put("b1", inlineDraft("k", new byte[] {4}));
    assertThat(second.replaced()).hasValueSatisfying(old -> {
      assertThat(old.size()).isEqualTo(3);
      assertThat(old.blobId()).isZero();
      assertThat(old.inline()).as("writes read no bodies").isNull();
    });
    assertThat(catalog().objects().delete("b1", "k", null).removed())
        .hasValueSatisfying(old -> assertThat(old.size()).isEqualTo(1));
  }

  @Test
  default void versionedOverwrite_keepsEachVersionsOwnBytes() throws Exception {
    versionedBucket("v");
    PutOutcome first = catalog().objects().put("v", inlineDraft("k", new byte[] {1, 2, 3}));
    catalog().objects().put("v", inlineDraft("k", new byte[] {9}));
    assertThat(catalog().objects().latest("v", "k").orElseThrow().inline().bytes())
        .containsExactly(9);
    assertThat(catalog().objects().version("v", "k", first.stored().versionId()).orElseThrow()
        .inline().bytes()).containsExactly(1, 2, 3);
  }

  @Test
  default void inlineBody_corruptedAtRest_isRefusedOnRead() throws Exception {
    bucket("b1");
    catalog().objects().put("b1", inlineDraft("k", "hello world".getBytes(StandardCharsets.UTF_8)));
    catalog().database().write(tx -> tx.update(
        "UPDATE objects SET inline_body = ? WHERE bucket = ? AND object_key = ?",
        "hello wOrld".getBytes(StandardCharsets.UTF_8), "b1", "k"));

    ObjectEntry got = catalog().objects().latest("b1", "k").orElseThrow();
    assertThatThrownBy(() -> got.inline().bytes()).isInstanceOf(CorruptRowException.class)
        .hasMessageNotContaining("hello");
    // The row's metadata stays readable, so the damaged object can still be deleted.
    assertThat(catalog().objects().delete("b1", "k", null).removed()).isPresent();
    assertThat(catalog().objects().latest("b1", "k")).isEmpty();
  }

  @Test
  default void draft_withInlineBodyAndBlobOrWrongSize_isRejected() {
    byte[] body = {1, 2};
    assertThatThrownBy(() -> new ObjectDraft("k", 5, 2, "e", null, null, null, "o", null, null,
        null, null, null, InlineBody.of(body), null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectDraft("k", 0, 3, "e", null, null, null, "o", null, null,
        null, null, null, InlineBody.of(body), null)).isInstanceOf(IllegalArgumentException.class);
  }
}
