package io.cairn.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A block device as the NBD server sees it: a fixed-size byte range with reads, writes, trims,
 * zeroing, allocation status and a durability barrier. The server validates ranges, alignment and
 * the read-only flag before calling, so implementations receive only in-range requests ({@code
 * offset >= 0}, {@code offset + length <= size()}) aligned to {@link #minimumBlockSize()}, and never
 * a mutating call on a {@link #readOnly()} export.
 *
 * <p><b>Thread safety.</b> Every method may be called concurrently from many threads: the server
 * executes pipelined requests in parallel, and an export with {@link #canMultiConn()} may be open on
 * several connections. Overlapping concurrent writes may land in any serial order (the client must
 * not rely on one); reads overlapping an in-flight write may see old or new bytes per byte.
 *
 * <p><b>Durability.</b> A {@code write}, {@code trim} or {@code writeZeroes} that returns normally
 * is <em>complete</em>: any later read on any connection sees it. It is <em>durable</em> (survives a
 * crash or power loss) once either it was called with {@code fua = true} and returned, or a later
 * {@link #flush()} returned. The server relies on exactly this to honour NBD proto.md "Ordering of
 * messages and writes": it replies to a write only after the call returns, and to {@code
 * NBD_CMD_FLUSH} only after {@code flush()} returns, so every write replied to before the flush
 * began is on stable storage before the flush is acknowledged.
 *
 * <p><b>Errors.</b> {@link IOException} means the operation failed and the client is told {@code
 * NBD_EIO}; {@link NoSpaceException} is told {@code NBD_ENOSPC}. After a failed mutation the range's
 * content is unspecified (old bytes, new bytes or a mix) but never bytes from elsewhere. Failures do
 * not close the connection.
 */
public interface BlockExport extends AutoCloseable {

  /** Size in bytes; constant for the life of this export object. */
  long size();

  /** Writes, trims and zeroing are refused with {@code NBD_EPERM} by the server if true. */
  boolean readOnly();

  /**
   * True if {@link #flush()} and FUA writes on this object make durable every write completed through
   * any other object serving the same device, and completed writes are visible to all of them, so
   * the server may advertise {@code NBD_FLAG_CAN_MULTI_CONN}.
   */
  boolean canMultiConn();

  /**
   * The smallest addressable unit: a power of two between 1 and 65536. Requests not aligned to it
   * are refused with {@code NBD_EINVAL} before reaching the export. Defaults to 1 (any byte range).
   */
  default int minimumBlockSize() {
    return 1;
  }

  /** Human-readable description for {@code NBD_INFO_DESCRIPTION}; empty if none. */
  default String description() {
    return "";
  }

  /** Fills {@code dst}'s remaining bytes with the bytes at {@code offset}; holes read as zeros. */
  void read(long offset, ByteBuffer dst) throws IOException;

  /**
   * Writes {@code src}'s remaining bytes at {@code offset}. With {@code fua}, returns only once these
   * bytes are durable (NBD_CMD_FLAG_FUA).
   */
  void write(long offset, ByteBuffer src, boolean fua) throws IOException;

  /** Makes durable every write, trim and zeroing that returned before this call began. */
  void flush() throws IOException;

  /**
   * A hint that [offset, offset+length) is no longer needed (NBD_CMD_TRIM). The export may release
   * it, in part or not at all; afterwards the range's content is unspecified until rewritten. With
   * {@code fua}, whatever the trim did is durable on return.
   */
  void trim(long offset, long length, boolean fua) throws IOException;

  /**
   * Makes [offset, offset+length) read as zeros (NBD_CMD_WRITE_ZEROES). With {@code noHole} the
   * range must stay allocated (NBD_CMD_FLAG_NO_HOLE: later writes there must not fail for space);
   * without it the export may punch a hole. With {@code fua}, durable on return.
   */
  void writeZeroes(long offset, long length, boolean noHole, boolean fua) throws IOException;

  /**
   * Whether {@link #writeZeroes} of this range with this {@code noHole} is known in advance to be
   * faster than writing the same number of zero bytes (NBD_CMD_FLAG_FAST_ZERO). Must be cheap and
   * must not change the export: when it returns false the server fails the request with {@code
   * NBD_ENOTSUP} without calling {@link #writeZeroes}.
   */
  boolean zeroesFast(long offset, long length, boolean noHole);

  /**
   * The allocation status of consecutive runs starting exactly at {@code offset} (the {@code
   * base:allocation} metadata context). The runs must start at {@code offset}, have positive lengths
   * and be in order; they may cover less than {@code length} (the client asks again for the rest) or
   * more (the server trims them). Reporting a run as neither hole nor zero is always correct; {@code
   * zero} must be set only if the run certainly reads as zeros.
   */
  List<AllocationRun> blockStatus(long offset, long length) throws IOException;

  /**
   * Releases this export (the connection ended). Called once, after every other call on it has
   * returned. Does not imply {@link #flush()}: NBD clients flush before disconnecting if they care.
   */
  @Override
  void close() throws IOException;
}
