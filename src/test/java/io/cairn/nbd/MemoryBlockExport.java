package io.cairn.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Test fixture: a sparse in-memory export in 64 KiB chunks; an unallocated chunk is a hole. It
 * counts flushes and FUA writes so tests can see what the protocol layer asked for, and can be told
 * to fail the next operation to test error paths.
 */
public final class MemoryBlockExport implements BlockExport {

  static final int CHUNK = 64 << 10;

  private final long size;
  private final boolean readOnly;
  private volatile int minimumBlockSize = 1;
  private final AtomicReferenceArray<byte[]> chunks;
  final AtomicInteger flushes = new AtomicInteger();
  final AtomicInteger fuaWrites = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  final AtomicInteger writesReturned = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  /** How many writes had returned when the last flush began. */
  final AtomicInteger writesBeforeLastFlush = new AtomicInteger(-1);
  final AtomicReference<IOException> nextFailure = new AtomicReference<>();

  public MemoryBlockExport(long size, boolean readOnly) {
    this.size = size;
    this.readOnly = readOnly;
    this.chunks = new AtomicReferenceArray<>((int) ((size + CHUNK - 1) / CHUNK));
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

  /** Makes the server enforce (and advertise) a minimum block size. */
  MemoryBlockExport withMinimumBlockSize(int bytes) {
    minimumBlockSize = bytes;
    return this;
  }

  @Override
  public int minimumBlockSize() {
    return minimumBlockSize;
  }

  @Override
  public String description() {
    return "memory export of " + size + " bytes";
  }

  private void maybeFail() throws IOException {
    IOException e = nextFailure.getAndSet(null);
    if (e != null) {
      throw e;
    }
  }

  /** Whether any byte of the chunks covering the range is allocated. */
  boolean allocated(long offset, long length) {
    for (long c = offset / CHUNK; c * CHUNK < offset + length; c++) {
      if (chunks.get((int) c) != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    maybeFail();
    while (dst.hasRemaining()) {
      int c = (int) (offset / CHUNK);
      int at = (int) (offset % CHUNK);
      int n = Math.min(dst.remaining(), CHUNK - at);
      byte[] chunk = chunks.get(c);
      if (chunk == null) {
        for (int i = 0; i < n; i++) {
          dst.put((byte) 0);
        }
      } else {
        dst.put(chunk, at, n);
      }
      offset += n;
    }
  }

  private byte[] chunk(int c) {
    byte[] chunk = chunks.get(c);
    if (chunk == null) {
      chunks.compareAndSet(c, null, new byte[CHUNK]);
      chunk = chunks.get(c);
    }
    return chunk;
  }

  @Override
  public void write(long offset, ByteBuffer src, boolean fua) throws IOException {
    maybeFail();
    writes.incrementAndGet();
    if (fua) {
      fuaWrites.incrementAndGet();
    }
    while (src.hasRemaining()) {
      int c = (int) (offset / CHUNK);
      int at = (int) (offset % CHUNK);
      int n = Math.min(src.remaining(), CHUNK - at);
      src.get(chunk(c), at, n);
      offset += n;
    }
    writesReturned.incrementAndGet();
  }

  @Override
  public void flush() throws IOException {
    maybeFail();
    writesBeforeLastFlush.set(writesReturned.get());
    flushes.incrementAndGet();
  }

  @Override
  public void trim(long offset, long length, boolean fua) throws IOException {
    zero(offset, length, false);
  }

  @Override
  public void writeZeroes(long offset, long length, boolean noHole, boolean fua) throws IOException {
    zero(offset, length, noHole);
  }

  private void zero(long offset, long length, boolean noHole) throws IOException {
    maybeFail();
    long end = offset + length;
    while (offset < end) {
      int c = (int) (offset / CHUNK);
      int at = (int) (offset % CHUNK);
      int n = (int) Math.min(end - offset, CHUNK - at);
      if (n == CHUNK && !noHole) {
        chunks.set(c, null);
      } else {
        byte[] chunk = noHole ? chunk(c) : chunks.get(c);
        if (chunk != null) {
          Arrays.fill(chunk, at, at + n, (byte) 0);
        }
      }
      offset += n;
    }
  }

  @Override
  public boolean zeroesFast(long offset, long length, boolean noHole) {
    return true;
  }

  @Override
  public List<AllocationRun> blockStatus(long offset, long length) throws IOException {
    maybeFail();
    List<AllocationRun> runs = new ArrayList<>();
    long end = Math.min(size, offset + length);
    while (offset < end) {
      int c = (int) (offset / CHUNK);
      long n = Math.min(end, (long) (c + 1) * CHUNK) - offset;
      runs.add(chunks.get(c) == null ? AllocationRun.hole(n) : AllocationRun.data(n));
      offset += n;
    }
    return runs;
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }
}
