package io.cairn.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** The read side shared by a blob's head and its versions: a view of (size, map) read through the store. */
abstract sealed class StoreRead implements BlobRead permits BlobHandle, VersionHandle {

  /** What a reader sees at one instant. */
  record View(long size, ExtentMap map) {}

  final LogBlobStore store;
  final BlobEntry entry;

  StoreRead(LogBlobStore store, BlobEntry entry) {
    this.store = store;
    this.entry = entry;
  }

  /** The current view; {@link NoSuchBlobException} once deleted. */
  abstract View view() throws NoSuchBlobException;

  @Override
  public long blobId() {
    return entry.id;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    store.read(this, offset, dst);
  }

  @Override
  public List<Extent> extents(long offset, long length) throws IOException {
    return store.extents(view(), offset, length);
  }
}
