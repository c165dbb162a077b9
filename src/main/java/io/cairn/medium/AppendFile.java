package io.cairn.medium;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The single writer of one file in a {@link Medium}. See {@link Medium} for visibility and
 * durability rules. Appends come from one thread at a time, but {@link #sync()} may be called from
 * another thread while an append is under way (group commit syncs outside the append lock); it
 * then makes durable at least every append that returned before it was called.
 */
public interface AppendFile extends Closeable {

  /** Appends all remaining bytes of {@code src}. Not visible until flushed, not durable until synced. */
  void append(ByteBuffer src) throws IOException;

  /** Bytes appended so far, flushed or not. */
  long length();

  /** Makes everything appended so far visible to new readers (HDFS hflush). Not durable. */
  void flush() throws IOException;

  /**
   * Makes everything appended before this call durable and visible (fsync, HDFS hsync). Returns
   * only once the bytes are on stable storage.
   */
  void sync() throws IOException;

  /** Syncs, then releases the file. Further appends throw {@link java.nio.channels.ClosedChannelException}. */
  @Override
  void close() throws IOException;
}
