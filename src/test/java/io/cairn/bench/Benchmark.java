package io.cairn.bench;

/**
 * One measurement that adds rows to a suite's table. Implementations time only the work they
 * measure (set-up outside the clock), compare against the physical limit or a peer by adding a
 * {@link ResultTable#baseline} row first, and clean up what they wrote.
 */
public interface Benchmark {
  /** Short id, used by {@code --only}; e.g. {@code medium-local}. */
  String name();

  void run(BenchContext ctx, ResultTable table) throws Exception;
}
