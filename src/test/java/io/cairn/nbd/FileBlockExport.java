package io.cairn.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Test and benchmark fixture: an export over a raw file through the page cache, like {@code
 * qemu-nbd --cache=writeback}. Flush and FUA are {@code fdatasync}. Trim is ignored (allowed: it is
 * a hint), zeroing writes zeros, so zeroing is never fast, and every range reports as allocated.
 */
public final class FileBlockExport implements BlockExport {

  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);

  private final FileChannel file;
  private final long size;
  private final boolean readOnly;

  public FileBlockExport(Path path, boolean readOnly) throws IOException {
    this.file =
        readOnly
            ? FileChannel.open(path, StandardOpenOption.READ)
            : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    this.size = file.size();
    this.readOnly = readOnly;
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
  public void read(long offset, ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      int n = file.read(dst, offset);
      if (n < 0) {
        throw new IOException("file shorter than export");
      }
      offset += n;
    }
  }

  @Override
  public void write(long offset, ByteBuffer src, boolean fua) throws IOException {
    while (src.hasRemaining()) {
      offset += file.write(src, offset);
    }
    if (fua) {
      file.force(false);
    }
  }

  @Override
  public void flush() throws IOException {
    file.force(false);
  }

  @Override
  public void trim(long offset, long length, boolean fua) {}

  @Override
  public void writeZeroes(long offset, long length, boolean noHole, boolean fua) throws IOException {
    long end = offset + length;
    while (offset < end) {
      ByteBuffer z = ZEROS.duplicate();
      z.limit((int) Math.min(z.capacity(), end - offset));
      while (z.hasRemaining()) {
        offset += file.write(z, offset);
      }
    }
    if (fua) {
      file.force(false);
    }
  }

  @Override
  public boolean zeroesFast(long offset, long length, boolean noHole) {
    return false;
  }

  @Override
  public List<AllocationRun> blockStatus(long offset, long length) {
    return List.of(AllocationRun.data(length));
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
