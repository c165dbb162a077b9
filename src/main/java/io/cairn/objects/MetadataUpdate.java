package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.catalog.Acl.Permission;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Metadata updates without rewriting data (HStore 2.0's "update metadata"): the object's next
 * state is a new catalog entry whose blob links the current blob's data ({@link Splice}), so only
 * the entry and an extent-map event are written, whatever the object's size.
 *
 * <p>An inline object (bytes in its entry, no blob) simply carries its bytes into the next entry.
 *
 * <p>Why a new blob and not the same one: each catalog entry owns its blob and retires it when the
 * entry is replaced, so two entries sharing one blob id would delete each other's data. Linking
 * costs one small log event and keeps that ownership rule.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>The ETag, checksum, part sizes, owner, ACL and tags stay; Last-Modified becomes now (as
 *       for an S3 copy onto itself). In a versioned bucket the update is a new version.
 *   <li>A patch that changes nothing stores nothing and answers the current entry.
 *   <li><b>Atomicity</b>: the update applies to the entry it read; if the object changes between
 *       that read and the commit, the patch is applied again to the new entry (a few times), so
 *       concurrent updates and writes are never lost — unless {@code ifMatch} was given, which
 *       then fails with PRECONDITION_FAILED as soon as the ETag differs.
 *   <li>Refusals: NO_SUCH_KEY, PRECONDITION_FAILED (ifMatch), ACCESS_DENIED; durability and
 *       thread safety as {@link ObjectService}.
 * </ul>
 */
public final class MetadataUpdate {
  private static final int ATTEMPTS = 5;

  private final ObjectService objects;

  public MetadataUpdate(ObjectService objects) {
    this.objects = objects;
  }

  /**
   * Applies {@code patch} to the current version of the object; returns the entry stored. The
   * requester needs the object's writer role (WRITE on it: "reads and writes the data and the
   * metadata"), or READ on the object and WRITE on the bucket (what a copy onto itself needs).
   */
  public ObjectEntry update(String requester, String bucket, String key, MetadataPatch patch,
      String ifMatch) throws IOException {
    Bucket target = objects.catalog().bucket(bucket).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket));
    for (int attempt = 1; ; attempt++) {
      ObjectEntry current = objects.object(requester, bucket, key, Permission.READ);
      if (!Access.allows(requester, current, Permission.WRITE)
          && !Access.allows(requester, target, Permission.WRITE)) {
        throw new ObjectServiceException(ObjectError.ACCESS_DENIED, key);
      }
      if (ifMatch != null && !EntityTags.match(ifMatch, current.etag())) {
        throw new ObjectServiceException(ObjectError.PRECONDITION_FAILED,
            "The ETag of " + key + " is not " + ifMatch);
      }
      ObjectMetadata updated = patch.applyTo(current.metadata());
      if (updated.equals(current.metadata())) {
        return current;
      }
      ObjectEntry next;
      if (current.inline() != null) {
        ObjectBytes.open(objects, current); // checks the bytes carried over
        next = new ObjectEntry(bucket, key, current.owner(), 0, current.size(), current.etag(),
            objects.now(), updated, current.checksum(), null, null, false, current.acl(),
            current.tags(), null, current.inline());
      } else {
        Blob blob = Splice.of(objects, List.of(Splice.Slice.whole(current)));
        next = new ObjectEntry(bucket, key, current.owner(), blob.blobId(),
            current.size(), current.etag(), objects.now(), updated, current.checksum(),
            current.partSizes(), null, false, current.acl(), current.tags(),
            current.encryption()); // the same ciphertext, so the same key and counter blocks
      }
      try {
        return VersionCommit.commit(objects, next, still(current));
      } catch (ObjectServiceException e) {
        if (e.error() != ObjectError.PRECONDITION_FAILED || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * The write proceeds only over the very entry the update read: the same blob, or for inline
   * objects (all of blob id 0) the same write (its time, ETag and metadata); and the same ACL and
   * tags, which PutObjectAcl and PutObjectTagging change in place, keeping the blob. The next
   * entry carries them over, so a change committed in between would otherwise be undone (a
   * revoked public grant would come back).
   */
  private static WriteCondition still(ObjectEntry read) {
    return (Optional<ObjectEntry> current) ->
        current.isPresent() && current.get().blobId() == read.blobId()
            && (read.blobId() != 0 || sameWrite(current.get(), read))
            && current.get().acl().equals(read.acl()) && current.get().tags().equals(read.tags())
            ? null : ObjectError.PRECONDITION_FAILED;
  }

  private static boolean sameWrite(ObjectEntry a, ObjectEntry b) {
    return a.lastModified().equals(b.lastModified()) && a.etag().equals(b.etag())
        && a.metadata().equals(b.metadata());
  }
}
