package io.cairn.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named timed cases run round-robin {@code runs} times, each round starting one case later (so
 * drift and the cold first run hit every case alike), each reported as its median.
 */
class Cases {
  interface TimedCase {
    /** Runs once and returns the nanoseconds of the part that is measured. */
    long run(int round) throws Exception;
  }

  private final Map<String, TimedCase> cases = new LinkedHashMap<>();

  Cases add(String name, TimedCase c) {
    cases.put(name, c);
    return this;
  }

  /** Median nanoseconds per case name, in the order added. */
  Map<String, Long> run(int runs) throws Exception {
    Map<String, List<Long>> times = new LinkedHashMap<>();
    List<Map.Entry<String, TimedCase>> order = new ArrayList<>(cases.entrySet());
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < order.size(); i++) {
        Map.Entry<String, TimedCase> c = order.get((i + round) % order.size());
        long nanos = c.getValue().run(round);
        Bench.progress(String.format("  %s: %.2f s", c.getKey(), nanos / 1e9));
        times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(nanos);
      }
    }
    Map<String, Long> medians = new LinkedHashMap<>();
    times.forEach((name, list) -> {
      Collections.sort(list);
      medians.put(name, list.get(list.size() / 2));
    });
    return medians;
  }
}
