package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobRead;
import io.cairn.blob.BlobStore;
import io.cairn.blob.BlobVersion;
import io.cairn.blob.Extent;
import io.cairn.blob.NoSuchBlobException;
import io.cairn.blob.StoreStats;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of {@link BlobStore}: heap byte arrays, no durability, {@code link} copies. For
 * exercising the object service and the S3 layer before (and besides) the log-backed store; it also
 * counts links so tests can check that completion links instead of writing.
 */
public final class InMemoryBlobStore implements BlobStore {
  private final Map<Long, MemoryBlob> blobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  public final AtomicLong bytesWritten = new AtomicLong();
  public final AtomicLong bytesLinked = new AtomicLong();

  @Override
  public Blob create(long size) {
    MemoryBlob b = new MemoryBlob(ids.incrementAndGet());
    b.resize(size);
    blobs.put(b.id, b);
    return b;
  }

  @Override
  public Blob open(long blobId) throws IOException {
    MemoryBlob b = blobs.get(blobId);
    if (b == null) {
      throw new NoSuchBlobException("blob " + blobId);
    }
    return b;
  }

  @Override
  public Blob cloneOf(BlobVersion version) throws IOException {
    Blob b = create(0);
    b.link(0, version, 0, version.size());
    return b;
  }

  @Override
  public BlobVersion version(long blobId, long versionNumber) throws IOException {
    throw new NoSuchBlobException("no versions in the in-memory double");
  }

  @Override
  public List<BlobVersion> versions(long blobId) {
    return List.of();
  }

  @Override
  public void delete(long blobId) throws IOException {
    if (blobs.remove(blobId) == null) {
      throw new NoSuchBlobException("blob " + blobId);
    }
  }

  @Override
  public void deleteVersion(BlobVersion version) throws IOException {
    throw new NoSuchBlobException("no versions in the in-memory double");
  }

  @Override
  public void sync() {}

  @Override
  public void checkpoint() {}

  @Override
  public long compact() {
    return 0;
  }

  @Override
  public List<Long> blobIds() {
    return new ArrayList<>(blobs.keySet());
  }

  @Override
  public StoreStats stats() {
    long bytes = blobs.values().stream().mapToLong(MemoryBlob::size).sum();
    return new StoreStats(blobs.size(), 0, bytes, bytes, 0);
  }

  @Override
  public void close() {}

  final class MemoryBlob implements Blob {
    private final long id;
    private byte[] data = new byte[0];
    private long size;

    MemoryBlob(long id) {
      this.id = id;
    }

    @Override
    public long blobId() {
      return id;
    }

    @Override
    public synchronized long size() {
      return size;
    }

    @Override
    public synchronized void read(long offset, ByteBuffer dst) throws IOException {
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset");
      }
      if (offset + dst.remaining() > size) {
        throw new EOFException("read past end");
      }
      dst.put(data, (int) offset, dst.remaining());
    }

    @Override
    public synchronized List<Extent> extents(long offset, long length) {
      return List.of(new Extent(0, size));
    }

    @Override
    public synchronized void write(long offset, ByteBuffer src) {
      int n = src.remaining();
      ensure(offset + n);
      src.get(data, (int) offset, n);
      size = Math.max(size, offset + n);
      bytesWritten.addAndGet(n);
    }

    @Override
    public synchronized void zero(long offset, long length) {
      Arrays.fill(data, (int) offset, (int) Math.min(size, offset + length), (byte) 0);
    }

    @Override
    public void link(long offset, BlobRead src, long srcOffset, long length) throws IOException {
      ByteBuffer copy = ByteBuffer.allocate((int) length);
      src.read(srcOffset, copy);
      copy.flip();
      synchronized (this) {
        ensure(offset + length);
        copy.get(data, (int) offset, (int) length);
        size = Math.max(size, offset + length);
      }
      bytesLinked.addAndGet(length);
    }

    @Override
    public synchronized void resize(long newSize) {
      ensure(newSize);
      if (newSize < size) {
        Arrays.fill(data, (int) newSize, (int) size, (byte) 0);
      }
      size = newSize;
    }

    @Override
    public BlobVersion snapshot() throws IOException {
      throw new NoSuchBlobException("no versions in the in-memory double");
    }

    @Override
    public void sync() {}

    private void ensure(long capacity) {
      if (capacity > data.length) {
        data = Arrays.copyOf(data, (int) Math.max(capacity, data.length * 2L));
      }
    }
  }
}
