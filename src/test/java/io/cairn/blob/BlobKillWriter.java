package io.cairn.blob;

import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Child process of {@link BlobStoreKillTest}: writes to blobs until killed, reporting on stdout
 * what it is about to write and what each completed sync or snapshot covers.
 *
 * <p>Protocol, one line each, flushed: {@code BLOB id} (created, durable), {@code WRITE n id offset
 * length} (before write n starts), {@code SYNCED n} (writes up to n are durable), {@code SNAP n id
 * version} (that version holds the blob's writes up to n). Write n's bytes are {@link #data}.
 */
public final class BlobKillWriter {

  static final BlobStoreConfig CONFIG =
      BlobStoreConfig.defaults().withRecordPayload(32 * 1024).withCheckpointBytes(2 << 20)
          .withCheckpointInterval(Duration.ofSeconds(1));
  static final SegmentLogConfig LOG_CONFIG = SegmentLogConfig.defaults().withSegmentSize(1 << 20).withWriteBufferSize(256 * 1024);

  private BlobKillWriter() {}

  static byte[] data(long seed, long n, int length) {
    byte[] b = new byte[length];
    new Random(seed * 1_000_003L + n).nextBytes(b);
    if (b.length > 0 && b[0] == 0) {
      b[0] = 1; // never all zeros, so "absent" and "present" differ
    }
    return b;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    Random rnd = new Random(seed);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    LocalMedium medium = new LocalMedium(dir);
    SegmentLog log = SegmentLog.open(medium, LOG_CONFIG);
    LogBlobStore store = LogBlobStore.open(log, medium, CONFIG, scheduler);
    Blob[] blobs = new Blob[3];
    long[] cursor = new long[blobs.length];
    for (int i = 0; i < blobs.length; i++) {
      blobs[i] = store.create(0);
      out.println("BLOB " + blobs[i].blobId());
    }
    for (long n = 1; ; n++) {
      int which = rnd.nextInt(blobs.length);
      Blob b = blobs[which];
      int length = 1 + rnd.nextInt(rnd.nextBoolean() ? 3000 : 40_000);
      long offset = cursor[which] + rnd.nextInt(5000);
      cursor[which] = offset + length;
      out.println("WRITE " + n + " " + b.blobId() + " " + offset + " " + length);
      b.write(offset, ByteBuffer.wrap(data(seed, n, length)));
      int dice = rnd.nextInt(100);
      if (dice < 20) {
        b.sync();
        out.println("SYNCED " + n);
      } else if (dice < 23) {
        BlobVersion v = b.snapshot();
        out.println("SNAP " + n + " " + b.blobId() + " " + v.number());
      } else if (dice < 24) {
        store.compact();
      }
    }
  }
}
