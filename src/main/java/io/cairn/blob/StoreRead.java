package io.cairn.blob;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The read side shared by a blob's head and its versions: a view of (size, map) read through the log. */
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
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    int start = dst.position();
    for (int attempt = 0; ; attempt++) {
      View v = view();
      long end = offset + dst.remaining();
      if (end < 0 || end > v.size()) {
        throw new EOFException("read " + offset + "+" + dst.remaining() + " passes size " + v.size() + " of " + this);
      }
      try {
        ContentReader.read(store.log, v.map(), offset, dst);
        return;
      } catch (IOException ex) {
        dst.position(start);
        // A compaction may have moved the records and deleted the old segment after we took
        // the view; a fresh view points at the new copies.
        if (attempt >= 3 || view().map() == v.map()) {
          throw ex;
        }
      }
    }
  }

  /** Allocated ranges, adjacent entries merged (they may point at different records). */
  @Override
  public List<Extent> extents(long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length);
    }
    View v = view();
    long end = Math.min(v.size(), offset + length < 0 ? Long.MAX_VALUE : offset + length);
    List<Extent> out = new ArrayList<>();
    for (ExtentMap.Entry x : v.map().slice(offset, end)) {
      Extent last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.offset() + last.length() == x.offset()) {
        out.set(out.size() - 1, new Extent(last.offset(), last.length() + x.length()));
      } else {
        out.add(new Extent(x.offset(), x.length()));
      }
    }
    return out;
  }
}
