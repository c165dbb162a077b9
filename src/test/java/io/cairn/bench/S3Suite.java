package io.cairn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The S3 front end on a real Cairn server against S3Proxy (filesystem back end) and the disk. */
public final class S3Suite implements Suite {
  @Override
  public String name() {
    return "s3";
  }

  @Override
  public String description() {
    return "S3 PUT/GET through the AWS SDK: 4 KiB ops/s against S3Proxy, large objects against the disk";
  }

  @Override
  public Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--small-count=N", "4 KiB objects per small case (default 2000)");
    f.put("--threads=N", "client threads of the small cases (default 8)");
    f.put("--large-mib=N", "size of the large object (default 512)");
    f.put("--runs=N", "repeat each case, report the median (default 1)");
    f.put("--s3proxy-jar=PATH", "S3Proxy jar-with-dependencies (default: ~/.m2, fetch with"
        + " mvn dependency:get -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies)");
    return f;
  }

  @Override
  public List<Benchmark> benchmarks() {
    return List.of(new S3Bench());
  }
}
