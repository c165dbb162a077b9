package io.cairn.nbd;

/**
 * A run of bytes with one allocation status, as reported by {@link BlockExport#blockStatus}.
 *
 * @param length bytes in the run, positive
 * @param hole not allocated in the backing store (NBD_STATE_HOLE)
 * @param zero certainly reads as zeros (NBD_STATE_ZERO)
 */
public record AllocationRun(long length, boolean hole, boolean zero) {

  public AllocationRun {
    if (length <= 0) {
      throw new IllegalArgumentException("run length must be positive: " + length);
    }
  }

  public static AllocationRun data(long length) {
    return new AllocationRun(length, false, false);
  }

  public static AllocationRun hole(long length) {
    return new AllocationRun(length, true, true);
  }

  /** The base:allocation status flags of proto.md: bit 0 NBD_STATE_HOLE, bit 1 NBD_STATE_ZERO. */
  int flags() {
    return (hole ? 1 : 0) | (zero ? 2 : 0);
  }
}
