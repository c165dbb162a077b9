package io.cairn.medium;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.ipc.RemoteException;

/**
 * A {@link Medium} on one HDFS directory through the Hadoop {@link FileSystem} API.
 *
 * <ul>
 *   <li>{@code create} is an HDFS create without overwrite (the NameNode makes it atomic and
 *       exclusive), with {@link CreateFlag#SYNC_BLOCK} so DataNodes fsync every block they
 *       finish: {@code hsync} only forces the block being written, and without this flag the
 *       earlier blocks of a file could still be in DataNode page caches at a power loss.
 *   <li>{@code flush} is {@code hflush} (on every replica, not durable) and {@code sync} is {@code
 *       hsync} with {@code UPDATE_LENGTH}, so the NameNode's length covers synced bytes too.
 *   <li>An HDFS reader learns a growing file's visible length when it opens; {@link HdfsReadFile}
 *       reopens when asked about bytes past what it knows, as the contract requires.
 * </ul>
 *
 * <p>Errors are mapped to the contract's: {@link FileNotFoundException} becomes {@link
 * NoSuchFileException}; an existing file, or one being created, becomes {@link
 * FileAlreadyExistsException}.
 */
public final class HdfsMedium implements Medium {
  private final FileSystem fs;
  private final Path dir;
  private final boolean ownsFileSystem;

  /** A medium on {@code fs} at {@code dir} (created if missing); {@link #close} leaves fs open. */
  public HdfsMedium(FileSystem fs, Path dir) throws IOException {
    this(fs, dir, false);
  }

  private HdfsMedium(FileSystem fs, Path dir, boolean ownsFileSystem) throws IOException {
    this.fs = fs;
    this.dir = fs.makeQualified(dir);
    this.ownsFileSystem = ownsFileSystem;
    fs.mkdirs(this.dir);
  }

  /**
   * Opens the directory named by {@code uri} ({@code hdfs://namenode:port/path}) with its own
   * FileSystem client, closed with the medium.
   */
  public static HdfsMedium open(URI uri, Configuration conf) throws IOException {
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    FileSystem fs = FileSystem.newInstance(uri, conf);
    try {
      return new HdfsMedium(fs, new Path(path), true);
    } catch (IOException | RuntimeException e) {
      fs.close();
      throw e;
    }
  }

  private Path path(String name) {
    return new Path(dir, LocalMedium.checkName(name));
  }

  @Override
  public AppendFile create(String name) throws IOException {
    Path p = path(name);
    try {
      FSDataOutputStream out = fs.create(
          p,
          FsPermission.getFileDefault().applyUMask(FsPermission.getUMask(fs.getConf())),
          EnumSet.of(CreateFlag.CREATE, CreateFlag.SYNC_BLOCK),
          fs.getConf().getInt("io.file.buffer.size", 4096),
          fs.getDefaultReplication(p),
          fs.getDefaultBlockSize(p),
          null);
      return new HdfsAppendFile(out);
    } catch (IOException e) {
      throw translate(e, name);
    }
  }

  @Override
  public ReadFile open(String name) throws IOException {
    try {
      return new HdfsReadFile(fs, path(name));
    } catch (IOException e) {
      throw translate(e, name);
    }
  }

  @Override
  public long length(String name) throws IOException {
    try (FSDataInputStream in = fs.open(path(name))) {
      return visibleLength(fs, path(name), in);
    } catch (IOException e) {
      throw translate(e, name);
    }
  }

  /** What a reader opened now can read: includes hflushed bytes of a file still being written. */
  static long visibleLength(FileSystem fs, Path p, FSDataInputStream in) throws IOException {
    if (in instanceof HdfsDataInputStream hdfs) {
      return hdfs.getVisibleLength();
    }
    return fs.getFileStatus(p).getLen();
  }

  @Override
  public boolean exists(String name) throws IOException {
    return fs.exists(path(name));
  }

  @Override
  public void delete(String name) throws IOException {
    // The NameNode logs and syncs its edit before answering, so the delete is durable on return.
    boolean deleted;
    try {
      deleted = fs.delete(path(name), false);
    } catch (IOException e) {
      throw translate(e, name);
    }
    if (!deleted) {
      throw new NoSuchFileException(name);
    }
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isFile()) {
        names.add(s.getPath().getName());
      }
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public String uri() {
    return dir.toUri().toString();
  }

  /** The qualified directory these files live in. */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    if (ownsFileSystem) {
      fs.close();
    }
  }

  static IOException translate(IOException e, String name) {
    IOException cause = e instanceof RemoteException remote ? remote.unwrapRemoteException() : e;
    String className = e instanceof RemoteException remote ? remote.getClassName() : e.getClass().getName();
    if (cause instanceof FileNotFoundException) {
      return (IOException) new NoSuchFileException(name).initCause(e);
    }
    if (cause instanceof org.apache.hadoop.fs.FileAlreadyExistsException
        || className.endsWith(".AlreadyBeingCreatedException")
        || className.endsWith(".FileAlreadyExistsException")) {
      return (IOException) new FileAlreadyExistsException(name).initCause(e);
    }
    return cause;
  }

  private static final class HdfsAppendFile implements AppendFile {
    private final FSDataOutputStream out;
    private byte[] copy;
    private long length;
    private boolean closed;

    HdfsAppendFile(FSDataOutputStream out) {
      this.out = out;
    }

    private void checkOpen() throws ClosedChannelException {
      if (closed) {
        throw new ClosedChannelException();
      }
    }

    @Override
    public void append(ByteBuffer src) throws IOException {
      checkOpen();
      int n = src.remaining();
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), n);
        src.position(src.limit());
      } else {
        if (copy == null) {
          copy = new byte[64 * 1024];
        }
        while (src.hasRemaining()) {
          int chunk = Math.min(copy.length, src.remaining());
          src.get(copy, 0, chunk);
          out.write(copy, 0, chunk);
        }
      }
      length += n;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public void flush() throws IOException {
      checkOpen();
      out.hflush();
    }

    @Override
    public void sync() throws IOException {
      checkOpen();
      hsync();
    }

    private void hsync() throws IOException {
      if (out instanceof HdfsDataOutputStream hdfs) {
        hdfs.hsync(EnumSet.of(HdfsDataOutputStream.SyncFlag.UPDATE_LENGTH));
      } else {
        out.hsync();
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        hsync();
      } finally {
        out.close();
      }
    }
  }
}
