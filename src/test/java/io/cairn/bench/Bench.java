package io.cairn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Entry point of {@code bench/run SUITE [--flag=value ...]}: runs a suite, prints its table and
 * writes the same figures to {@code bench/results/SUITE.json} (rewritten after every row, so an
 * interrupted run keeps what it measured). Benchmarks are programs, never tests.
 *
 * <p>Exit status: 0 when every row was measured, 1 when a benchmark failed, 2 on bad usage.
 */
public final class Bench {
  /** Every suite {@code bench/run} knows. Add one line per new suite. */
  static final Map<String, Supplier<Suite>> SUITES = new TreeMap<>(Map.of("engine", EngineSuite::new, "nbd", NbdBench::new,
      "s3", S3Suite::new, "listing", ListingSuite::new));

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || !SUITES.containsKey(args[0])) {
      usage(args.length == 0 || args[0].startsWith("-") ? null : args[0]);
      System.exit(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
    }
    Suite suite = SUITES.get(args[0]).get();
    Options options;
    try {
      options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.flag("help")) {
      usage(suite.name());
      System.exit(0);
    }
    System.exit(run(suite, options));
  }

  static int run(Suite suite, Options options) throws Exception {
    Path benchDir = Path.of(System.getProperty("cairn.bench.dir", "bench"));
    Path resultFile = benchDir.resolve("results").resolve(suite.name() + ".json");
    Pattern only = Pattern.compile(options.string("only", ".*"));
    ResultTable table = new ResultTable();
    Instant started = Instant.now();
    table.onAdd(() -> {
      try {
        writeJson(resultFile, suite, options, started, table);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (BenchContext ctx = new BenchContext(options, benchDir.resolve("work").resolve(suite.name()))) {
      for (Benchmark b : suite.benchmarks()) {
        if (!only.matcher(b.name()).matches()) {
          continue;
        }
        progress("running " + b.name());
        long t0 = System.nanoTime();
        try {
          b.run(ctx, table);
        } catch (Exception e) {
          table.failed(b.name(), "(benchmark aborted)", e);
          e.printStackTrace();
        }
        progress(String.format("%s done in %.1f s", b.name(), (System.nanoTime() - t0) / 1e9));
      }
    }
    System.out.println();
    System.out.println(suite.name() + " suite — " + started + " — " + machine());
    System.out.print(table.render());
    System.out.println("written to " + resultFile);
    if (!options.unread().isEmpty()) {
      System.err.println("bench: warning: unused options " + options.unread());
    }
    return table.anyFailed() ? 1 : 0;
  }

  private static void writeJson(Path file, Suite suite, Options options, Instant started, ResultTable table)
      throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("suite", suite.name());
    doc.put("started", started.toString());
    doc.put("machine", machine());
    doc.put("options", options.asMap());
    doc.put("rows", table.rows());
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), doc);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      m.put("host", InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      m.put("host", "unknown");
    }
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", Runtime.version().toString());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  /** A progress line on stderr, so stdout stays the table. */
  static void progress(String message) {
    System.err.println("bench: " + message);
  }

  private static void usage(String unknown) {
    if (unknown != null) {
      System.err.println("bench: no suite named '" + unknown + "'");
    }
    System.err.println("usage: bench/run SUITE [--only=REGEX] [--flag=value ...]");
    System.err.println("suites:");
    for (Supplier<Suite> s : SUITES.values()) {
      Suite suite = s.get();
      System.err.printf("  %-8s %s%n", suite.name(), suite.description());
      System.err.printf("    %-22s %s%n", "--only=REGEX", "run only benchmarks whose name matches");
      suite.flags().forEach((flag, doc) -> System.err.printf("    %-22s %s%n", flag, doc));
      System.err.printf("    %-22s %s%n", "benchmarks:", String.join(", ", suite.benchmarks().stream().map(Benchmark::name).toList()));
    }
  }
}
