package io.cairn.medium;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Positional reads of one file of a {@link Medium}; safe for many concurrent readers. A reader
 * follows a growing file: bytes flushed or synced by the writer after the reader was opened are
 * visible to it too, once {@code flush}/{@code sync} has returned.
 */
public interface ReadFile extends Closeable {

  /**
   * Fills {@code dst} with the bytes at {@code position}. Throws {@link java.io.EOFException} if
   * the file (as visible to this reader) ends before {@code dst} is full.
   */
  void readFully(long position, ByteBuffer dst) throws IOException;

  /** Visible length of the file now (it may still be growing). */
  long length() throws IOException;
}
