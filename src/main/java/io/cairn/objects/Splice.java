package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobRead;
import io.cairn.blob.BlobStore;
import java.io.IOException;
import java.util.List;

/**
 * A new blob made of byte ranges of existing objects, end to end, sharing their data: each range
 * is a {@link Blob#link}, so only extent-map events reach the log, never data bytes — except for a
 * range of an inline object (no blob to link), whose few bytes are written. What copy, compose and
 * metadata updates store.
 */
final class Splice {
  private Splice() {}

  /** {@code length} bytes of {@code source} from {@code offset}. */
  record Slice(ObjectEntry source, long offset, long length) {
    static Slice whole(ObjectEntry source) {
      return new Slice(source, 0, source.size());
    }
  }

  /**
   * The synced new blob holding the slices in order. On any failure the new blob is deleted;
   * NO_SUCH_KEY if a source's blob was deleted meanwhile (its object was overwritten or removed
   * and the blob's retirement delay passed).
   */
  static Blob of(ObjectService objects, List<Slice> slices) throws IOException {
    BlobStore blobs = objects.blobs();
    Blob blob = blobs.create(0);
    try {
      long at = 0;
      for (Slice s : slices) {
        if (s.length() > 0) {
          BlobRead src = ObjectBytes.open(objects, s.source());
          if (src instanceof InlineBlob inline) {
            inline.copyTo(blob, at, s.offset(), s.length());
          } else {
            blob.link(at, src, s.offset(), s.length());
          }
        }
        at += s.length();
      }
      blob.sync();
      return blob;
    } catch (IOException | RuntimeException e) {
      BlobWriter.deleteQuietly(blobs, blob.blobId());
      throw e;
    }
  }
}
