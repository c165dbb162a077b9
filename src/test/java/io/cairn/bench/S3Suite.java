package io.cairn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The S3 front end of a real Cairn server against S3Proxy 4.1.0 (filesystem back end) and the
 * disk, both servers driven by the same lean Java client ({@link S3Connection}).
 */
public final class S3Suite implements Suite {
  @Override
  public String name() {
    return "s3";
  }

  @Override
  public String description() {
    return "S3 PUT/GET (raw-socket HTTP/1.1 client, SigV4): 4 KiB ops/s against S3Proxy and the HTTP"
        + " stack's floor at 1-128 clients, 1 GiB objects (one stream and parallel multipart/ranges)"
        + " against the disk";
  }

  @Override
  public Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--quick", "smoke run: 1 s per small case at 1 and 32 clients, a 128 MiB object in 16 MiB parts");
    f.put("--seconds=S", "duration of each 4 KiB case (default 5)");
    f.put("--clients=LIST", "concurrent clients of the 4 KiB cases (default 1,8,32,128)");
    f.put("--warmup=S", "seconds of PUT and of GET per server before the 4 KiB cases (default 10)");
    f.put("--ops=LIST", "operations of the 4 KiB cases (default PUT,GET; GET reads what PUT wrote)");
    f.put("--large-mib=N", "size of the large object (default 1024)");
    f.put("--part-mib=N", "part and range size of the parallel large cases (default 64)");
    f.put("--streams=N", "concurrent parts or ranges in flight (default 16)");
    f.put("--cases=REGEX", "large cases to run (e.g. 'Cairn.*PUT'; rows need both servers and the disk)");
    f.put("--runs=N", "repeat each case, report the median (default 1)");
    f.put("--s3proxy-jar=PATH", "S3Proxy jar-with-dependencies (default: ~/.m2, fetch with"
        + " mvn dependency:get -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies)");
    return f;
  }

  @Override
  public List<Benchmark> benchmarks() {
    return List.of(new S3SmallBench(), new S3LargeBench());
  }
}
