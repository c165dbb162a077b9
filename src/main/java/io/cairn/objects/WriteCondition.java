package io.cairn.objects;

import java.io.IOException;
import java.util.Optional;

/**
 * What the current object under a key must be for a write to proceed (S3 conditional writes:
 * If-Match / If-None-Match on PutObject). Evaluated inside the catalog transaction that commits
 * the write, so two conditional writers cannot both win. Must be pure and fast.
 */
@FunctionalInterface
public interface WriteCondition {
  /** Every write proceeds. */
  WriteCondition NONE = current -> null;

  /**
   * Why the write must not happen over {@code current} (empty: no object under the key), or null
   * to let it proceed.
   */
  ObjectError refusal(Optional<ObjectEntry> current);

  /**
   * Refuses a doomed write before its body is read, so it stores nothing; the commit checks again
   * atomically. {@link #NONE} costs no catalog read.
   */
  default void checkEarly(ObjectCatalog catalog, String bucket, String key) throws IOException {
    if (this == NONE) {
      return;
    }
    ObjectError early = refusal(catalog.object(bucket, key));
    if (early != null) {
      throw new ObjectServiceException(early, key);
    }
  }
}
