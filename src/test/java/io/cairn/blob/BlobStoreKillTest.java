package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.log.SegmentLog;
import io.cairn.medium.LocalMedium;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real writer process ({@link BlobKillWriter}) at random moments, then recovery in
 * this process: every write the child reported synced, and every snapshot it reported, must be
 * there; a write after the last sync may be present or not, record by record, but only as a
 * prefix of the log (once one record is missing, every later one is too). The same data directory
 * is reused across runs, so each recovery starts from the previous one's state.
 */
class BlobStoreKillTest {

  @TempDir Path dir;

  private long syncedChecked;
  private long unsyncedPresent;
  private long unsyncedLost;

  private record Write(long n, long blob, long offset, int length) {}

  private record Snap(long n, long blob, long version) {}

  private record Run(long seed, List<Long> blobs, List<Write> writes, long synced, List<Snap> snaps) {}

  @Test
  void killDuringWrites_recoversEverySyncedWriteAndSnapshot() throws Exception {
    long seed = Long.getLong("cairn.seed", System.nanoTime());
    System.out.println("BlobStoreKillTest seed " + seed + " (rerun with -Dcairn.seed=" + seed + ")");
    Random rnd = new Random(seed);
    int runs = Boolean.getBoolean("cairn.long") ? 100 : 20;
    List<Run> done = new ArrayList<>();
    long totalWrites = 0;
    for (int i = 0; i < runs; i++) {
      Run run = runAndKill(rnd.nextLong() & Long.MAX_VALUE, 50 + rnd.nextInt(500));
      totalWrites += run.writes().size();
      done.add(run);
      try {
        verify(done, i == runs - 1);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " run " + i + ": " + e.getMessage(), e);
      }
    }
    System.out.println("BlobStoreKillTest: " + runs + " kills, " + totalWrites + " writes started, "
        + syncedChecked + " synced writes checked, unsynced records present " + unsyncedPresent + ", lost " + unsyncedLost);
    assertThat(done.stream().mapToLong(Run::synced).sum()).as("some syncs completed").isPositive();
  }

  private Run runAndKill(long seed, long millis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), BlobKillWriter.class.getName(), dir.toString(), Long.toString(seed))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> lines = new ArrayList<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the pipe breaks when the child dies
      }
    });
    // Kill only once the child is writing, at a random moment after that.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        if (lines.stream().anyMatch(l -> l.startsWith("WRITE"))) {
          break;
        }
      }
      assertThat(p.isAlive()).as("writer child died on its own").isTrue();
      Thread.sleep(5);
    }
    Thread.sleep(millis);
    p.destroyForcibly(); // SIGKILL on Linux
    p.waitFor();
    reader.join();
    List<Long> blobs = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    List<Snap> snaps = new ArrayList<>();
    long synced = 0;
    for (String line : lines) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "BLOB" -> blobs.add(Long.parseLong(f[1]));
        case "WRITE" -> writes.add(new Write(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4])));
        case "SYNCED" -> synced = Long.parseLong(f[1]);
        case "SNAP" -> {
          snaps.add(new Snap(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
          synced = Long.parseLong(f[1]); // a snapshot syncs the whole log
        }
        default -> throw new AssertionError("unexpected child output: " + line);
      }
    }
    return new Run(seed, blobs, writes, synced, snaps);
  }

  /** Checks the newest run fully, and the synced facts of all earlier runs when {@code all}. */
  private void verify(List<Run> runs, boolean all) throws IOException {
    try (LocalMedium medium = new LocalMedium(dir);
        SegmentLog log = SegmentLog.open(medium, BlobKillWriter.LOG_CONFIG);
        LogBlobStore store = LogBlobStore.open(log, medium, BlobKillWriter.CONFIG, null)) {
      for (int i = all ? 0 : runs.size() - 1; i < runs.size(); i++) {
        Run run = runs.get(i);
        assertThat(store.blobIds()).containsAll(run.blobs());
        boolean last = i == runs.size() - 1;
        boolean missingSeen = false;
        for (Write w : run.writes()) {
          byte[] expect = BlobKillWriter.data(run.seed(), w.n(), w.length());
          Blob b = store.open(w.blob());
          if (w.n() <= run.synced()) {
            assertThat(w.offset() + w.length()).as("synced write %s inside blob size", w).isLessThanOrEqualTo(b.size());
            BlobStoreRandomizedTest.sameBytes(read(b, w.offset(), w.length()), expect, "synced write " + w);
            syncedChecked++;
            continue;
          }
          if (!last) {
            continue; // checked once, right after its own kill
          }
          // Unsynced: record by record, present or absent, and absent only as a suffix.
          int chunk = BlobKillWriter.CONFIG.recordPayload();
          for (int off = 0; off < w.length(); off += chunk) {
            int len = Math.min(chunk, w.length() - off);
            long at = w.offset() + off;
            boolean present;
            if (at + len > b.size()) {
              present = false;
            } else {
              byte[] got = read(b, at, len);
              byte[] want = Arrays.copyOfRange(expect, off, off + len);
              present = Arrays.equals(got, want);
              assertThat(present || Arrays.equals(got, new byte[len]))
                  .as("unsynced write %s at +%d is neither old nor new", w, off).isTrue();
            }
            assertThat(present && missingSeen).as("write %s at +%d present after a lost record", w, off).isFalse();
            missingSeen |= !present;
            if (present) {
              unsyncedPresent++;
            } else {
              unsyncedLost++;
            }
          }
        }
        for (Snap s : run.snaps()) {
          BlobVersion v = store.version(s.blob(), s.version());
          for (Write w : run.writes()) {
            if (w.blob() == s.blob() && w.n() <= s.n()) {
              BlobStoreRandomizedTest.sameBytes(read(v, w.offset(), w.length()),
                  BlobKillWriter.data(run.seed(), w.n(), w.length()), "write " + w + " in " + s);
            }
          }
        }
      }
    }
  }

  private static byte[] read(BlobRead r, long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    r.read(offset, b);
    return b.array();
  }
}
