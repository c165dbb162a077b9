package io.cairn.objects;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts of inline objects (stored in their catalog entry, no blob) stored and read since
 * the service started: what the server exports as metrics. Thread safe.
 */
public final class InlineStats {
  private final LongAdder puts = new LongAdder();
  private final LongAdder gets = new LongAdder();

  /** Objects stored inline (PUTs and copies). */
  public long puts() {
    return puts.sum();
  }

  /** Reads of inline objects' bytes (GETs, ranges included). */
  public long gets() {
    return gets.sum();
  }

  void put() {
    puts.increment();
  }

  void get() {
    gets.increment();
  }
}
