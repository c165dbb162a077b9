package io.cairn.objects;

import io.cairn.blob.BlobRead;
import io.cairn.blob.NoSuchBlobException;
import io.cairn.objects.encryption.ObjectCipher;
import io.cairn.objects.encryption.PlaintextReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An object's bytes for reading, wherever they are: its blob, or for an inline object the bytes
 * of its catalog entry, checked against their CRC32C (a mismatch is a {@link
 * io.cairn.catalog.CorruptRowException}, logged, never bad bytes). Every reader (GET, copy,
 * compose, UploadPartCopy) goes through here, so none needs to know where an object lives.
 */
final class ObjectBytes {
  private ObjectBytes() {}

  /** The object's bytes; NO_SUCH_KEY if its blob is gone (deleted since the entry was read). */
  static BlobRead open(ObjectService objects, ObjectEntry entry) throws IOException {
    if (entry.inline() != null) {
      return InlineBlob.of(entry);
    }
    try {
      return objects.blobs().open(entry.blobId());
    } catch (NoSuchBlobException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_KEY, entry.key());
    }
  }

  /** Writes [offset, offset+length) of a plain-text object's bytes to {@code out}. */
  static void send(ObjectService objects, ObjectEntry entry, long offset, long length,
      OutputStream out) throws IOException {
    BlobRead blob = open(objects, entry);
    if (blob instanceof InlineBlob inline) {
      objects.inlineStats().get();
      out.write(inline.bytes(), Math.toIntExact(offset), Math.toIntExact(length));
      return;
    }
    BlobTransfer.send(blob, offset, length, out);
  }

  /** A stream of the plain text of [offset, offset+length) of an encrypted object. */
  static InputStream plaintext(ObjectService objects, ObjectEntry entry, byte[] dataKey,
      long offset, long length) throws IOException {
    ObjectCipher cipher = new ObjectCipher(dataKey, entry.encryption().ivs(), entry.partSizes());
    // Read-ahead: the next chunk is read and decrypted while this one goes to the client.
    return new PlaintextReader(open(objects, entry), 0, cipher, offset, length,
        BlobWriter.WRITERS);
  }
}
