package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Permission;
import io.cairn.objects.encryption.ObjectEncryption;
import io.cairn.objects.encryption.PlaintextReader;
import io.cairn.objects.encryption.SseRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CopyObject: between two plain-text objects the copy links the source's extents (zero-copy,
 * {@link Splice}); with server-side encryption on either side it decrypts and re-encrypts the
 * bytes under a new data key. An inline source (small, in its catalog entry) gives an inline copy
 * while it fits the service's inline limit. Contract as {@link ObjectService#copyObject}.
 */
final class ObjectCopy {
  private ObjectCopy() {}

  static ObjectEntry copy(ObjectService objects, String requester, ObjectEntry source,
      String dstBucket, String dstKey, ObjectMetadata metadata, Map<String, String> tags,
      Consumer<ObjectEntry> checkSource, RequestedAcl acl, SseRequest sourceSse, SseRequest sse,
      ObjectLock.Requested lock) throws IOException {
    Bucket target = objects.bucket(requester, dstBucket, Permission.WRITE);
    String owner = requester != null ? requester : target.owner();
    Acl grants = acl.resolve(owner, target.owner());
    objects.checkGrantees(grants);
    checkSource.accept(source);
    Map<String, String> newTags = tags == null ? source.tags() : tags;
    byte[] sourceKey = objects.encryption().open(source.encryption(), sourceSse);
    ObjectEncryption.Sealed sealed = objects.encryption().seal(dstBucket, sse);
    if (sourceKey != null || sealed != null) {
      ObjectMetadata kept = metadata == null ? source.metadata() : metadata;
      try (InputStream body = sourceKey == null
          ? new PlaintextReader(ObjectBytes.open(objects, source), 0, null, 0, source.size())
          : ObjectBytes.plaintext(objects, source, sourceKey, 0, source.size())) {
        if (sealed == null) {
          BlobWriter.Written written =
              BlobWriter.write(objects.blobs(), body, source.size(), ObjectService.MAX_PUT_SIZE);
          return VersionCommit.commit(objects, new ObjectEntry(dstBucket, dstKey, owner,
              written.blob().blobId(), written.size(), HexFormat.of().formatHex(written.md5()),
              objects.now(), kept, source.checksum()).withAcl(grants).withTags(newTags),
              WriteCondition.NONE, lock);
        }
        return SealedPut.put(objects, owner, dstBucket, dstKey, body, source.size(), kept, null,
            source::checksum, WriteCondition.NONE, sealed, grants, newTags, lock);
      }
    }
    ObjectMetadata kept = metadata == null ? source.metadata() : metadata;
    if (source.inline() != null && source.size() <= objects.inlineMax()) {
      // An inline source gives an inline copy: its bytes (checked here) go into the new entry.
      ObjectBytes.open(objects, source);
      ObjectEntry copy = new ObjectEntry(dstBucket, dstKey, owner, 0, source.size(),
          source.etag(), objects.now(), kept, source.checksum(), null, null, false, grants,
          newTags, null, source.inline());
      return VersionCommit.commit(objects, copy, WriteCondition.NONE, lock);
    }
    Blob blob = Splice.of(objects, List.of(Splice.Slice.whole(source)));
    ObjectEntry entry = new ObjectEntry(dstBucket, dstKey, owner, blob.blobId(), source.size(),
        source.etag(), objects.now(), kept, source.checksum(), source.partSizes())
        .withAcl(grants).withTags(newTags);
    return VersionCommit.commit(objects, entry, WriteCondition.NONE, lock);
  }
}
