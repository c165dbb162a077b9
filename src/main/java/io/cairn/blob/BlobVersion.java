package io.cairn.blob;

/** An immutable version of a blob, made by {@link Blob#snapshot()}. */
public interface BlobVersion extends BlobRead {

  /** Version number, unique within its blob, increasing. */
  long number();
}
