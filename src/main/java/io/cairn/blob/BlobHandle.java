package io.cairn.blob;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link Blob} of a {@link LogBlobStore}: a cheap handle; the state lives in the store's entry. */
final class BlobHandle extends StoreRead implements Blob {

  BlobHandle(LogBlobStore store, BlobEntry entry) {
    super(store, entry);
  }

  @Override
  View view() throws NoSuchBlobException {
    Head h = entry.live();
    return new View(h.size(), h.map());
  }

  /** The size now; a deleted blob keeps reporting the size it had. */
  @Override
  public long size() {
    return entry.head().size();
  }

  @Override
  public void write(long offset, ByteBuffer src) throws IOException {
    store.write(entry, offset, src);
  }

  @Override
  public void zero(long offset, long length) throws IOException {
    store.zero(entry, offset, length);
  }

  @Override
  public void link(long offset, BlobRead src, long srcOffset, long length) throws IOException {
    store.link(entry, offset, src, srcOffset, length);
  }

  @Override
  public void resize(long newSize) throws IOException {
    store.resize(entry, newSize);
  }

  @Override
  public BlobVersion snapshot() throws IOException {
    return store.snapshot(entry);
  }

  @Override
  public void sync() throws IOException {
    store.sync();
  }

  @Override
  public String toString() {
    return "blob " + entry.id;
  }
}
