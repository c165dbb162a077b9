package io.cairn.bench;

import java.util.List;
import java.util.Map;

/**
 * A named set of benchmarks run by {@code bench/run NAME}; register it in {@link Bench#SUITES}.
 * Its figures go to {@code bench/results/NAME.json}.
 */
public interface Suite {
  String name();

  /** One line for {@code bench/run --help}. */
  String description();

  /** The {@code --flags} this suite reads, each with one line of doc including its default. */
  Map<String, String> flags();

  /** Run in this order; {@code --only=REGEX} selects by {@link Benchmark#name()}. */
  List<Benchmark> benchmarks();
}
