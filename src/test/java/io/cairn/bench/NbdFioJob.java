package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.nbd.ExternalTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fio job against every {@link NbdTargets} server, round-robin {@code --runs} times (each round
 * starting one server later, so load from elsewhere hits them alike), reporting medians. The
 * baseline row is qemu-nbd with writeback. QD1 jobs report IOPS (higher is better, like the
 * rest); their notes carry the mean latency.
 */
final class NbdFioJob implements Benchmark {

  /** One fio result: the job's figure and what goes into the notes. */
  record Result(double value, double meanLatencyMicros, double p99Micros, double cpuMicrosPerOp) {}

  private final NbdBench.Job job;

  NbdFioJob(NbdBench.Job job) {
    this.job = job;
  }

  @Override
  public String name() {
    return job.name();
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    NbdTargets targets = ctx.shared("nbd-targets", () -> NbdTargets.start(ctx));
    int seconds = ctx.options().intValue("seconds", 10);
    int runs = ctx.options().intValue("runs", 1);
    List<NbdTargets.Target> all = targets.all();
    Map<String, List<Result>> results = new LinkedHashMap<>();
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < all.size(); i++) {
        NbdTargets.Target t = all.get((i + round) % all.size());
        Result r = fio(t, seconds, targets.size());
        Bench.progress(String.format(Locale.ROOT, "  %s on %s: %.1f", job.name(), t.name(), r.value()));
        results.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(r);
      }
    }
    String unit = job.metric().equals("bw") ? Throughput.MIB_S : "IOPS";
    String group = job.group();
    Result base = median(results.get(NbdTargets.QEMU_WRITEBACK));
    table.baseline(group, NbdTargets.QEMU_WRITEBACK, base.value(), unit, notes(base));
    for (NbdTargets.Target t : all) {
      if (!t.name().equals(NbdTargets.QEMU_WRITEBACK)) {
        Result r = median(results.get(t.name()));
        table.row(group, t.name(), r.value(), unit, notes(r));
      }
    }
  }

  private static String notes(Result r) {
    return String.format(
        Locale.ROOT,
        "lat mean %.0f us, p99 %.0f us, server CPU %.1f us/op",
        r.meanLatencyMicros(),
        r.p99Micros(),
        r.cpuMicrosPerOp());
  }

  private static Result median(List<Result> list) {
    List<Result> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingDouble(Result::value));
    return sorted.get(sorted.size() / 2);
  }

  private Result fio(NbdTargets.Target target, int seconds, long size) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--name=" + job.name());
    args.add("--ioengine=nbd");
    args.add("--uri=" + target.uri());
    args.add("--output-format=json");
    args.add("--time_based");
    args.add("--runtime=" + seconds);
    args.add("--ramp_time=1");
    args.add("--size=" + size);
    args.add("--randrepeat=0");
    args.addAll(job.options());
    long cpuBefore = target.cpuNanos().getAsLong();
    ExternalTool.Result r = ExternalTool.FIO.run(seconds + 120, args.toArray(String[]::new));
    long cpu = target.cpuNanos().getAsLong() - cpuBefore;
    if (r.exit() != 0) {
      throw new IOException("fio " + job.name() + " on " + target.name() + " failed: " + r.all());
    }
    // The nbd engine prints a line before the JSON document.
    JsonNode j = new ObjectMapper().readTree(r.out().substring(r.out().indexOf('{')));
    JsonNode side = j.get("jobs").get(0).get(job.options().get(0).contains("read") ? "read" : "write");
    double value =
        job.metric().equals("bw")
            ? side.get("bw_bytes").asDouble() / (1 << 20)
            : side.get("iops").asDouble();
    long ios = Math.max(1, side.get("total_ios").asLong());
    // CPU includes the 1 s ramp whose I/Os fio does not count: an overestimate alike for all.
    return new Result(
        value,
        side.at("/lat_ns/mean").asDouble() / 1000,
        side.at("/clat_ns/percentile/99.000000").asDouble() / 1000,
        cpu / 1000.0 / ios);
  }
}
