package io.cairn.medium;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * Positional reads of one HDFS file that follow it as it grows.
 *
 * <p>An HDFS input stream fixes the visible length of a file under construction when it opens, so
 * bytes hflushed later are invisible to it. When a read reaches past the known length, or {@link
 * #length()} is asked, this reopens the file and swaps streams. Once the NameNode reports the file
 * closed, the length is final and no more reopening happens.
 *
 * <p>Preads on one {@code FSDataInputStream} are safe concurrently; the read lock only keeps a
 * stream from being closed under a reader while another thread swaps in a fresher one.
 */
final class HdfsReadFile implements ReadFile {
  private final FileSystem fs;
  private final Path path;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private FSDataInputStream in;
  private long known;
  private boolean complete;
  private boolean closed;

  HdfsReadFile(FileSystem fs, Path path) throws IOException {
    this.fs = fs;
    this.path = path;
    refresh(Long.MAX_VALUE);
  }

  @Override
  public void readFully(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    long end = position + dst.remaining();
    if (!readKnown(position, end, dst)) {
      refresh(end);
      if (!readKnown(position, end, dst)) {
        throw new EOFException(
            "end of " + path.getName() + " at " + known + ", wanted up to " + end);
      }
    }
  }

  /** Reads if {@code end} is within the known length; false (nothing read) if it is not. */
  private boolean readKnown(long position, long end, ByteBuffer dst) throws IOException {
    lock.readLock().lock();
    try {
      checkOpen();
      if (end > known) {
        return false;
      }
      pread(position, dst);
      return true;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void pread(long position, ByteBuffer dst) throws IOException {
    int n = dst.remaining();
    if (dst.hasArray()) {
      in.readFully(position, dst.array(), dst.arrayOffset() + dst.position(), n);
      dst.position(dst.limit());
      return;
    }
    byte[] chunk = new byte[Math.min(n, 1 << 20)];
    long pos = position;
    while (dst.hasRemaining()) {
      int len = Math.min(chunk.length, dst.remaining());
      in.readFully(pos, chunk, 0, len);
      dst.put(chunk, 0, len);
      pos += len;
    }
  }

  /** Reopens unless the known length already reaches {@code wanted} or can no longer grow. */
  private void refresh(long wanted) throws IOException {
    lock.writeLock().lock();
    try {
      checkOpen();
      if (in != null && (complete || known >= wanted)) {
        return;
      }
      // Ask "closed?" before opening: if it was closed by then, the length seen next is final.
      boolean wasClosed;
      FSDataInputStream next;
      long length;
      try {
        wasClosed = fs instanceof DistributedFileSystem dfs && dfs.isFileClosed(path);
        next = fs.open(path);
      } catch (IOException e) {
        throw HdfsMedium.translate(e, path.getName());
      }
      try {
        length = HdfsMedium.visibleLength(fs, path, next);
      } catch (IOException | RuntimeException e) {
        next.close();
        throw e;
      }
      FSDataInputStream old = in;
      in = next;
      known = length;
      complete = wasClosed;
      if (old != null) {
        old.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("read file " + path.getName() + " is closed");
    }
  }

  @Override
  public long length() throws IOException {
    refresh(Long.MAX_VALUE);
    lock.readLock().lock();
    try {
      return known;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        in.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
