package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Checksum;
import io.cairn.objects.encryption.Encryption;
import io.cairn.objects.encryption.ObjectCipher;
import io.cairn.objects.encryption.ObjectEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stores a body encrypted at rest: AES-256-CTR under the object's data key with one counter
 * block, each chunk sealed after it was hashed (the ETag is derived from the plain text's MD5).
 * Contract as {@link ObjectService#putObject}.
 */
final class SealedPut {
  private SealedPut() {}

  static ObjectEntry put(ObjectService objects, String owner, String bucket, String key,
      InputStream body, long lengthHint, ObjectMetadata metadata, byte[] contentMd5, Supplier<Checksum> checksum,
      WriteCondition condition, ObjectEncryption.Sealed sealed, Acl grants,
      Map<String, String> tags, ObjectLock.Requested lock) throws IOException {
    byte[] iv = objects.encryption().newIv();
    Encryption enc = sealed.encryption().withIvs(List.of(iv));
    ObjectCipher cipher = new ObjectCipher(sealed.dataKey(), enc.ivs(), null);
    BlobWriter.Written written = BlobWriter.write(objects.blobs(), body, lengthHint,
        ObjectService.MAX_PUT_SIZE, null,
        (position, buffer, length) -> cipher.apply(position, buffer, 0, length));
    long blobId = written.blob().blobId();
    BlobWriter.checkDigest(objects.blobs(), written, contentMd5);
    ObjectEntry entry = new ObjectEntry(bucket, key, owner, blobId, written.size(),
        ObjectEncryption.etag(enc, sealed.dataKey(), written.md5()), objects.now(), metadata,
        checksum.get(), null, null, false, grants, tags, enc);
    return VersionCommit.commit(objects, entry, condition, lock);
  }
}
