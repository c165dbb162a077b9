package io.cairn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog listings: filtered listing pages against plain pages and unbounded SQL scans. */
public final class ListingSuite implements Suite {
  @Override
  public String name() {
    return "listing";
  }

  @Override
  public String description() {
    return "filtered listing (bounded scans) against plain ListObjects pages and one-query SQL scans";
  }

  @Override
  public Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--keys=N", "objects in the bucket (default 500000)");
    f.put("--reps=N", "repetitions of each single-request case, median reported (default 15)");
    f.put("--max-scan=N", "rows one filtered request reads at most (default 10000, the server's)");
    return f;
  }

  @Override
  public List<Benchmark> benchmarks() {
    return List.of(new FilteredListingBench());
  }
}
