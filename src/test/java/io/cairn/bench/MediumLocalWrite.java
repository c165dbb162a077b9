package io.cairn.bench;

import io.cairn.medium.AppendFile;
import io.cairn.medium.LocalMedium;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Sequential write to local disk: plain {@link FileChannel} (the physical limit), forced once at
 * the end and forced every few MiB, against {@link LocalMedium} appending 1 MiB at a time with a
 * sync every few MiB, the pattern of the log's group commit under load. Timing includes the final
 * force/sync and close.
 */
final class MediumLocalWrite implements Benchmark {
  private static final int CHUNK = 1 << 20;

  @Override
  public String name() {
    return "medium-local";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    long mib = ctx.options().longValue("size-mib", 1024);
    long syncEvery = ctx.options().longValue("sync-every-mib", 8);
    int runs = ctx.options().intValue("runs", 1);
    Path dir = ctx.scratch(name());
    ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    byte[] random = new byte[CHUNK];
    new Random(1).nextBytes(random);
    chunk.put(random).flip();

    LocalMedium medium = new LocalMedium(dir.resolve("medium"));
    // Warm-up of the JIT and the file system, not recorded.
    rawWrite(dir.resolve("warm"), chunk, 32, 0);
    mediumWrite(medium, "warm", chunk, 32, syncEvery);
    Files.delete(dir.resolve("warm"));
    medium.delete("warm");

    String rawForceEnd = "FileChannel, 1 MiB writes, force at end";
    String rawForceEvery = "FileChannel, force every " + syncEvery + " MiB";
    String viaMedium = "LocalMedium, 1 MiB appends, sync every " + syncEvery + " MiB";
    Map<String, Long> nanos = new Cases()
        .add(rawForceEnd, round -> timedThenDelete(dir.resolve("raw"), () -> rawWrite(dir.resolve("raw"), chunk, mib, 0)))
        .add(rawForceEvery, round -> timedThenDelete(dir.resolve("raw"), () -> rawWrite(dir.resolve("raw"), chunk, mib, syncEvery)))
        .add(viaMedium, round -> {
          long t = mediumWrite(medium, "m", chunk, mib, syncEvery);
          medium.delete("m");
          return t;
        })
        .run(runs);

    long bytes = mib << 20;
    String group = "local write " + mib + " MiB";
    table.baseline(group, rawForceEnd, Throughput.mibPerSecond(bytes, nanos.get(rawForceEnd)), Throughput.MIB_S,
        "one force at the end");
    table.row(group, rawForceEvery, Throughput.mibPerSecond(bytes, nanos.get(rawForceEvery)), Throughput.MIB_S,
        "same sync pattern as the medium, no medium");
    double sameSyncs = (double) nanos.get(rawForceEvery) / nanos.get(viaMedium);
    table.row(group, viaMedium, Throughput.mibPerSecond(bytes, nanos.get(viaMedium)), Throughput.MIB_S,
        String.format(Locale.ROOT, "%.2f x raw with the same syncs", sameSyncs));
    ctx.discard(dir);
  }

  interface Timed {
    long run() throws Exception;
  }

  private static long timedThenDelete(Path file, Timed write) throws Exception {
    long t = write.run();
    Files.delete(file);
    return t;
  }

  /** Nanoseconds to write {@code mib} MiB and force; {@code forceEvery} 0 means only at the end. */
  private static long rawWrite(Path file, ByteBuffer chunk, long mib, long forceEvery) throws Exception {
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long i = 1; i <= mib; i++) {
        ByteBuffer b = chunk.duplicate();
        while (b.hasRemaining()) {
          ch.write(b);
        }
        if (forceEvery > 0 && i % forceEvery == 0) {
          ch.force(false);
        }
      }
      ch.force(false);
    }
    return System.nanoTime() - t0;
  }

  private static long mediumWrite(LocalMedium medium, String name, ByteBuffer chunk, long mib, long syncEvery)
      throws Exception {
    long t0 = System.nanoTime();
    try (AppendFile f = medium.create(name)) {
      for (long i = 1; i <= mib; i++) {
        f.append(chunk.duplicate());
        if (i % syncEvery == 0) {
          f.sync();
        }
      }
    }
    return System.nanoTime() - t0;
  }
}
