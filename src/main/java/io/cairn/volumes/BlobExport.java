package io.cairn.volumes;

import io.cairn.blob.Blob;
import io.cairn.blob.Extent;
import io.cairn.nbd.AllocationRun;
import io.cairn.nbd.BlockExport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A volume's blob served as an NBD export. Writes append to the log and return; FLUSH and FUA are
 * the log's group commit, which makes durable every write to the blob that completed on any
 * connection, so several connections may share the volume (NBD_FLAG_CAN_MULTI_CONN).
 */
public final class BlobExport implements BlockExport {
  private final Blob blob;
  private final long size;
  private final boolean readOnly;
  private final String description;
  private final Runnable onClose;

  BlobExport(Blob blob, long size, boolean readOnly, String description, Runnable onClose) {
    this.blob = blob;
    this.size = size;
    this.readOnly = readOnly;
    this.description = description;
    this.onClose = onClose;
  }

  /** A whole blob as a read-write export, for tools and benchmarks that serve a blob directly. */
  public static BlobExport of(Blob blob) {
    return new BlobExport(blob, blob.size(), false, "", () -> {});
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public boolean canMultiConn() {
    return true;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    blob.read(offset, dst);
  }

  @Override
  public void write(long offset, ByteBuffer src, boolean fua) throws IOException {
    blob.write(offset, src);
    if (fua) {
      blob.sync();
    }
  }

  @Override
  public void flush() throws IOException {
    blob.sync();
  }

  @Override
  public void trim(long offset, long length, boolean fua) throws IOException {
    // A trimmed range reads as zeros afterwards: stricter than NBD asks, and what guests expect
    // from a thin volume (discard then read returns zeros, as with qemu-nbd on a sparse file).
    writeZeroes(offset, length, false, fua);
  }

  @Override
  public void writeZeroes(long offset, long length, boolean noHole, boolean fua) throws IOException {
    // Zeroing is one ZERO record whatever the length; NO_HOLE changes nothing for an append-only
    // store, where every later write takes new space anyway.
    blob.zero(offset, length);
    if (fua) {
      blob.sync();
    }
  }

  @Override
  public boolean zeroesFast(long offset, long length, boolean noHole) {
    return true;
  }

  @Override
  public List<AllocationRun> blockStatus(long offset, long length) throws IOException {
    List<AllocationRun> runs = new ArrayList<>();
    long pos = offset;
    long end = offset + length;
    for (Extent e : blob.extents(offset, length)) {
      long start = Math.max(e.offset(), pos);
      long stop = Math.min(e.offset() + e.length(), end);
      if (start > pos) {
        runs.add(AllocationRun.hole(start - pos));
      }
      if (stop > start) {
        runs.add(AllocationRun.data(stop - start));
        pos = stop;
      }
    }
    if (pos < end) {
      runs.add(AllocationRun.hole(end - pos));
    }
    return runs;
  }

  @Override
  public void close() {
    onClose.run();
  }
}
