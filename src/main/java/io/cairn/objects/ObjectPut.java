package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Permission;
import io.cairn.catalog.Checksum;
import io.cairn.objects.encryption.ObjectEncryption;
import io.cairn.objects.encryption.SseRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A PUT of one object, as {@link ObjectService#putObject} promises: access and grantees checked
 * and a doomed conditional write refused before the body is read, then the body stored where it
 * belongs — encrypted ({@link SealedPut}), in its catalog entry when it ends within the inline
 * limit ({@link InlinePut}), else in a synced blob — and committed ({@link VersionCommit}).
 */
final class ObjectPut {
  private ObjectPut() {}

  static ObjectEntry put(ObjectService objects, String requester, String bucket, String key,
      InputStream body, long lengthHint, ObjectMetadata metadata, byte[] contentMd5,
      Supplier<Checksum> checksum, WriteCondition condition, RequestedAcl acl,
      Map<String, String> tags, SseRequest sse, ObjectLock.Requested lock) throws IOException {
    Bucket target = objects.bucket(requester, bucket, Permission.WRITE);
    String owner = requester != null ? requester : target.owner();
    Acl grants = acl.resolve(owner, target.owner());
    objects.checkGrantees(grants);
    condition.checkEarly(objects.catalog(), bucket, key);
    ObjectEncryption.Sealed sealed = objects.encryption().seal(bucket, sse);
    if (sealed != null) {
      return SealedPut.put(objects, owner, bucket, key, body, lengthHint, metadata, contentMd5,
          checksum, condition, sealed, grants, tags, lock);
    }
    InputStream rest = body;
    int inlineMax = objects.inlineMax();
    if (InlinePut.mayFit(lengthHint, inlineMax)) {
      InlinePut.Head head = InlinePut.read(body, lengthHint, inlineMax);
      if (head.complete()) {
        return InlinePut.store(objects, owner, bucket, key, head.body(), metadata, contentMd5,
            checksum, condition, grants, tags, lock);
      }
      rest = head.rest(body);
    }
    BlobWriter.Written written =
        BlobWriter.write(objects.blobs(), rest, lengthHint, ObjectService.MAX_PUT_SIZE);
    BlobWriter.checkDigest(objects.blobs(), written, contentMd5);
    ObjectEntry entry = new ObjectEntry(bucket, key, owner, written.blob().blobId(),
        written.size(), HexFormat.of().formatHex(written.md5()), objects.now(), metadata,
        checksum.get()).withAcl(grants).withTags(tags);
    return VersionCommit.commit(objects, entry, condition, lock);
  }
}
