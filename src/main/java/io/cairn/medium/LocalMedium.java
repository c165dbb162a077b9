package io.cairn.medium;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link Medium} on a local directory through java.nio. Appends go straight to the file (the
 * log above batches them), so they are visible to readers as soon as they return; {@code sync} is
 * {@link FileChannel#force}. Creating and deleting a file also syncs the directory, so a name that
 * was durably created does not vanish in a crash.
 */
public final class LocalMedium implements Medium, Medium.InPlace {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private final Path dir;

  public LocalMedium(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir).toAbsolutePath();
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("bad file name: " + name);
    }
    return name;
  }

  @Override
  public AppendFile create(String name) throws IOException {
    Path path = dir.resolve(checkName(name));
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      syncDirectory();
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new LocalAppendFile(ch);
  }

  @Override
  public Optional<InPlace> inPlace() {
    return Optional.of(this);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Path source = dir.resolve(checkName(from));
    Path target = dir.resolve(checkName(to));
    // rename(2) would replace an existing target silently. The check and the move are not one
    // step, which is enough here: each name has one writer (the log), never two racing for it.
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
  }

  @Override
  public AppendFile overwrite(String name) throws IOException {
    // No CREATE, no TRUNCATE: the file keeps its blocks, which is the point (see Medium.InPlace#overwrite).
    return new LocalAppendFile(FileChannel.open(dir.resolve(checkName(name)), StandardOpenOption.WRITE));
  }

  @Override
  public ReadFile open(String name) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve(checkName(name)), StandardOpenOption.READ);
    return new LocalReadFile(ch);
  }

  @Override
  public long length(String name) throws IOException {
    return Files.size(dir.resolve(checkName(name)));
  }

  @Override
  public boolean exists(String name) {
    return Files.exists(dir.resolve(checkName(name)));
  }

  @Override
  public void delete(String name) throws IOException {
    Files.delete(dir.resolve(checkName(name)));
    syncDirectory();
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public String uri() {
    return dir.toUri().toString();
  }

  /** The directory these files live in. */
  public Path directory() {
    return dir;
  }

  private void syncDirectory() throws IOException {
    // POSIX: a new or removed directory entry is durable only once the directory itself is synced.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  @Override
  public void close() {}

  private static final class LocalAppendFile implements AppendFile {
    private final FileChannel ch;
    private long length;
    private volatile boolean closed;

    LocalAppendFile(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public void append(ByteBuffer src) throws IOException {
      if (closed) {
        throw new ClosedChannelException();
      }
      while (src.hasRemaining()) {
        length += ch.write(src, length);
      }
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public void flush() throws IOException {
      if (closed) {
        throw new ClosedChannelException();
      }
    }

    @Override
    public void sync() throws IOException {
      // File data only: the length change is metadata, but fdatasync also persists the size
      // needed to read the data back (POSIX fdatasync semantics).
      ch.force(false);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        try {
          ch.force(false);
        } finally {
          ch.close();
        }
      }
    }
  }

  private static final class LocalReadFile implements ReadFile {
    private final FileChannel ch;

    LocalReadFile(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public void readFully(long position, ByteBuffer dst) throws IOException {
      if (position < 0) {
        throw new IllegalArgumentException("negative position " + position);
      }
      long pos = position;
      while (dst.hasRemaining()) {
        int n = ch.read(dst, pos);
        if (n < 0) {
          throw new EOFException("end of file at " + pos + " with " + dst.remaining() + " bytes to go");
        }
        pos += n;
      }
    }

    @Override
    public long length() throws IOException {
      return ch.size();
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
