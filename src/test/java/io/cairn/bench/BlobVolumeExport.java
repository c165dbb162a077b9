package io.cairn.bench;

import io.cairn.blob.Blob;
import io.cairn.nbd.AllocationRun;
import io.cairn.nbd.BlockExport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A blob as an NBD export for the benchmark, with the durability mapping of the volume service's
 * own (package-private) export: FUA and FLUSH are the blob's group commit. Block status is not
 * exercised by the fio jobs, so every range reports as allocated.
 */
final class BlobVolumeExport implements BlockExport {
  private final Blob blob;

  BlobVolumeExport(Blob blob) {
    this.blob = blob;
  }

  @Override
  public long size() {
    return blob.size();
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public boolean canMultiConn() {
    return true;
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
    writeZeroes(offset, length, false, fua);
  }

  @Override
  public void writeZeroes(long offset, long length, boolean noHole, boolean fua) throws IOException {
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
  public List<AllocationRun> blockStatus(long offset, long length) {
    return List.of(AllocationRun.data(length));
  }

  @Override
  public void close() {}
}
