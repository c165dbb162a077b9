package io.cairn.medium;

/**
 * What {@link FaultyMedium#crash} leaves of the bytes appended after a file's last successful
 * sync. Synced bytes always survive; a file that was never synced may vanish entirely.
 */
public enum CrashMode {
  /** Every unsynced byte is lost, and every never-synced file vanishes: the harshest legal crash. */
  DROP_UNSYNCED,
  /**
   * A random prefix (possibly empty, possibly all) of the unsynced tail survives, which may end
   * inside a record: a torn write. A never-synced file vanishes with probability 1/2.
   */
  TEAR,
  /** As {@link #TEAR}, and a few random bytes inside the surviving unsynced part are flipped. */
  TEAR_AND_CORRUPT
}
