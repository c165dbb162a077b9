package io.cairn.medium;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A flat namespace of append-only files: the only thing Cairn asks of a disk.
 *
 * <p>Files are appended to, so local disks and HDFS (which cannot overwrite) share one code path
 * above this interface. The one exception is optional: a medium that offers {@link #inPlace()} can
 * rename a file and write it again from offset 0 over its old bytes, which lets the log reuse the
 * blocks of a dead segment instead of allocating new ones.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Names</b> are non-empty and made of {@code [A-Za-z0-9._-]}; anything else is an {@link
 *       IllegalArgumentException}. There are no directories.
 *   <li><b>Creation is atomic and exclusive</b>: {@link #create} fails with {@link
 *       java.nio.file.FileAlreadyExistsException} if the name exists, and the new file is visible
 *       to {@link #list} once the call returns (and durable once the first {@link
 *       AppendFile#sync()} on it returns).
 *   <li><b>Visibility</b>: bytes given to {@link AppendFile#append} are visible to readers opened
 *       afterwards once {@link AppendFile#flush()} or {@link AppendFile#sync()} has returned.
 *       Nothing is promised about unflushed bytes.
 *   <li><b>Durability</b>: only bytes followed by a returned {@link AppendFile#sync()} survive a
 *       crash (power loss, kill -9). After a crash a file may hold any prefix of its unsynced tail,
 *       including a torn last write.
 *   <li><b>Missing files</b>: {@link #open}, {@link #length} and {@link #delete} of a name that does
 *       not exist throw {@link java.nio.file.NoSuchFileException}.
 *   <li><b>Thread safety</b>: a Medium is safe for concurrent use. An {@link AppendFile} has a
 *       single writer; a {@link ReadFile} may be read by many threads at once.
 * </ul>
 */
public interface Medium extends Closeable {

  /** Creates an empty file open for appending; {@code FileAlreadyExistsException} if it exists. */
  AppendFile create(String name) throws IOException;

  /** Opens an existing file for positional reads; {@code NoSuchFileException} if missing. */
  ReadFile open(String name) throws IOException;

  /** Length of the file as readers see it now; {@code NoSuchFileException} if missing. */
  long length(String name) throws IOException;

  boolean exists(String name) throws IOException;

  /** Removes the file; durable on return. {@code NoSuchFileException} if missing. */
  void delete(String name) throws IOException;

  /** All file names, sorted. */
  List<String> list() throws IOException;

  /** Where the files live, as a URI ({@code file:///...}, {@code hdfs://...}) for logs and docs. */
  String uri();

  /**
   * Renaming files and writing them over in place, where this medium can (a local file system);
   * empty where files are written once (HDFS).
   */
  default Optional<InPlace> inPlace() {
    return Optional.empty();
  }

  /** What a medium that can write in place offers besides appending; the files are its own. */
  interface InPlace {
    /**
     * Renames {@code from} to {@code to}; durable on return. {@code NoSuchFileException} if {@code
     * from} is missing, {@code FileAlreadyExistsException} if {@code to} exists.
     */
    void rename(String from, String to) throws IOException;

    /**
     * Opens an existing file for writing from offset 0 over its old bytes, which stay readable
     * past what is written: the writer's own format must tell its bytes from them, also after a
     * crash, which may leave any prefix of the unsynced new bytes followed by old ones. Otherwise
     * the file is like one from {@link Medium#create}: one writer, {@link AppendFile#length()}
     * counting from 0, the same visibility and durability rules. {@code NoSuchFileException} if
     * missing.
     */
    AppendFile overwrite(String name) throws IOException;
  }
}
